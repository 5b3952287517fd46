package io.llmpolicy.guard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The patterns matched on the skeleton of a text (see {@link Skeleton}): the curated injection phrases from
 * {@code injection-phrases.txt} and the labels that announce a secret value ({@code password}, {@code api_key},
 * {@code aws_secret_access_key}, ...). Both live in one automaton so the text is walked once.
 *
 * <p>Design note: a template such as "{ignore|forget} {all|the|} &gt;&gt; {previous|} {instructions|rules}" is
 * compiled as two segments: every head alternative and every tail alternative becomes one pattern, and the scan
 * records where heads end (in skeleton letters) so a tail that starts exactly there completes the phrase. This keeps
 * the automaton at the sum of the alternatives instead of their product (about 1,950 patterns rather than 30,000).
 * One skeleton string may play several roles (a head of one template, a tail of another), so each pattern carries a
 * list of roles.
 *
 * <p>Immutable; the three useful combinations are compiled lazily once per JVM and shared.
 */
final class SkeletonPatterns {
    static final int WHOLE = 0;
    static final int LABEL_PASSWORD = 1;
    static final int LABEL_KEY = 2;
    static final int LABEL_AWS = 3;
    static final int LABEL_AZURE = 4;
    static final int HEAD = 5;
    static final int TAIL = 6;

    /** Alphabet: 26 letters plus symbol 0 ("contributes nothing", never stepped). */
    static final int ALPHABET = Skeleton.LETTERS + 1;

    private static final String[][] LABELS = {
        {"1", "password", "passwd", "pwd", "passphrase", "passwort", "kennwort", "mot de passe", "contraseña"},
        {"2", "key", "api key", "token", "secret", "access token", "auth token", "bearer", "credential",
            "client secret", "schlüssel", "schluessel", "clave", "secreto", "jeton"},
        {"3", "aws secret access key", "secret access key", "aws secret key", "aws secret"},
        {"4", "account key", "azure key", "azure api key", "azure openai key", "azure openai api key",
            "azure storage key", "subscription key", "ocp apim subscription key", "azure client secret"},
    };

    final AhoCorasick automaton;
    /** Roles of pattern {@code p}: {@code roles[roleStart[p] .. roleStart[p+1])}, each {@code kind | template << 3}. */
    final int[] roleStart;
    final int[] roles;
    /** Category label per template, for example {@code ignore-instructions/en}. */
    final String[] categories;

    private SkeletonPatterns(AhoCorasick automaton, int[] roleStart, int[] roles, String[] categories) {
        this.automaton = automaton;
        this.roleStart = roleStart;
        this.roles = roles;
        this.categories = categories;
    }

    int templates() {
        return categories.length;
    }

    private static final SkeletonPatterns[] CACHE = new SkeletonPatterns[4];

    /** The shared automaton for this combination, or null when neither part is wanted. */
    static synchronized SkeletonPatterns get(boolean injection, boolean labels) {
        if (!injection && !labels) return null;
        int key = (injection ? 1 : 0) | (labels ? 2 : 0);
        if (CACHE[key] == null) CACHE[key] = compile(injection, labels);
        return CACHE[key];
    }

    private static SkeletonPatterns compile(boolean injection, boolean labels) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        List<int[]> pats = new ArrayList<>();
        List<List<Integer>> roleLists = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        if (labels) {
            for (String[] group : LABELS) {
                int k = Integer.parseInt(group[0]);
                for (int i = 1; i < group.length; i++) add(ids, pats, roleLists, group[i], k);
            }
        }
        if (injection) {
            for (Template t : templates(injectionTemplates())) {
                int tpl = categories.size();
                categories.add(t.category);
                if (t.tails.isEmpty()) {
                    for (String h : t.heads) add(ids, pats, roleLists, h, WHOLE | tpl << 3);
                } else {
                    for (String h : t.heads) add(ids, pats, roleLists, h, HEAD | tpl << 3);
                    for (String x : t.tails) add(ids, pats, roleLists, x, TAIL | tpl << 3);
                }
            }
        }
        AhoCorasick ac = AhoCorasick.compile(pats.toArray(new int[0][]), ALPHABET);
        int[] roleStart = new int[pats.size() + 1];
        int total = 0;
        for (List<Integer> r : roleLists) total += r.size();
        int[] roles = new int[total];
        int n = 0;
        for (int p = 0; p < pats.size(); p++) {
            roleStart[p] = n;
            for (int r : roleLists.get(p)) roles[n++] = r;
        }
        roleStart[pats.size()] = n;
        return new SkeletonPatterns(ac, roleStart, roles, categories.toArray(new String[0]));
    }

    private static void add(Map<String, Integer> ids, List<int[]> pats, List<List<Integer>> roleLists,
                            String text, int role) {
        int[] sk = Skeleton.of(text);
        if (sk.length < 3) return;
        String key = Arrays.toString(sk);
        Integer id = ids.get(key);
        if (id == null) {
            id = pats.size();
            ids.put(key, id);
            pats.add(sk);
            roleLists.add(new ArrayList<>());
        }
        List<Integer> r = roleLists.get(id);
        if (!r.contains(role)) r.add(role);
    }

    /** One template line, expanded: heads (or whole phrases when there are no tails) and tails. */
    record Template(String category, List<String> heads, List<String> tails) {}

    /** Raw template lines of the curated file: {@code {category, template}}. */
    static List<String[]> injectionTemplates() {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = SkeletonPatterns.class.getResourceAsStream("injection-phrases.txt")) {
            if (in == null) throw new IllegalStateException("injection-phrases.txt missing from the classpath");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] parts = line.split(" ", 3);
                out.add(new String[] {parts[1] + "/" + parts[0], parts[2]});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<Template> templates(List<String[]> lines) {
        List<Template> out = new ArrayList<>();
        for (String[] l : lines) {
            String[] halves = l[1].split(">>", -1);
            if (halves.length > 2) throw new IllegalStateException("more than one >> in: " + l[1]);
            out.add(new Template(l[0], expand(halves[0]), halves.length == 2 ? expand(halves[1]) : List.of()));
        }
        return out;
    }

    /** Every full phrase a template line stands for (head + tail), for tests and documentation. */
    static List<String> fullPhrases(String template) {
        String[] halves = template.split(">>", -1);
        if (halves.length == 1) return expand(halves[0]);
        List<String> out = new ArrayList<>();
        for (String h : expand(halves[0])) {
            for (String t : expand(halves[1])) out.add((h + " " + t).strip());
        }
        return out;
    }

    /** Expands {@code {a|b|}} alternation groups into every combination. */
    static List<String> expand(String template) {
        List<String> acc = new ArrayList<>(List.of(""));
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{') {
                int close = template.indexOf('}', i);
                if (close < 0) throw new IllegalStateException("unclosed group in template: " + template);
                String[] alts = template.substring(i + 1, close).split("\\|", -1);
                List<String> next = new ArrayList<>(acc.size() * alts.length);
                for (String prefix : acc) {
                    for (String alt : alts) next.add(prefix + alt);
                }
                acc = next;
                i = close + 1;
            } else {
                int stop = template.indexOf('{', i);
                if (stop < 0) stop = template.length();
                String lit = template.substring(i, stop);
                acc.replaceAll(p -> p + lit);
                i = stop;
            }
        }
        acc.replaceAll(s -> s.strip().replaceAll(" +", " "));
        return acc;
    }
}

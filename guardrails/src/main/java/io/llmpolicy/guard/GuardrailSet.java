package io.llmpolicy.guard;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A compiled set of guardrail detectors: built-in PII, secret and injection detectors, policy phrase lists (one
 * automaton for all of them) and policy regexes (re2j, linear time). Build it once from configuration and scan any
 * number of texts with it.
 *
 * <p>Concurrency: immutable and thread-safe; share one instance between all threads. Scanning state lives in the
 * caller's {@link Findings} sink (one per thread) or {@link StreamGuard} (one per stream).
 *
 * <pre>{@code
 * GuardrailSet guard = GuardrailSet.builder()
 *     .detectors(BuiltinDetector.defaults())
 *     .phrases("competitors", List.of("acme corp", "globex"), true)
 *     .regex("ticket", "TCK-[0-9]{6}")
 *     .build();
 * Findings findings = new Findings();          // reuse per thread
 * guard.scan(text, findings);
 * }</pre>
 */
public final class GuardrailSet {
    private final ScanPlan plan;
    private final Set<BuiltinDetector> detectors;

    private GuardrailSet(ScanPlan plan, Set<BuiltinDetector> detectors) {
        this.plan = plan;
        this.detectors = detectors;
    }

    /** A builder with no detectors enabled. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every built-in detector, no phrase lists, no regexes. */
    public static GuardrailSet defaults() {
        return builder().detectors(BuiltinDetector.defaults()).build();
    }

    /** The built-in detectors this set runs. */
    public Set<BuiltinDetector> detectors() {
        return detectors;
    }

    /**
     * Scans one text into a reusable sink (cleared first). Allocates nothing in steady state apart from growing the
     * sink's buffers to the largest text seen and, for each finding, nothing but the constant labels.
     */
    public void scan(CharSequence text, Findings out) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(out, "out");
        ScanState s = out.state;
        out.clear();
        plan.start(s, out);
        s.load(text);
        s.eof = true;
        plan.run(s, s.end);
        plan.finish(s);
        out.sort(0);
        out.toCodePoints(0, s);
    }

    /** Scans one text and returns its findings (convenience; allocates a sink). */
    public List<Finding> scan(CharSequence text) {
        Findings out = new Findings();
        scan(text, out);
        return out.toList();
    }

    /** A guard for one streamed output. */
    public StreamGuard stream(StreamOptions options) {
        return new StreamGuard(plan, options);
    }

    /**
     * The default hold-back window of a stream in chars: the look-ahead of the number detectors plus the longest
     * span a later finding can reach back (injection phrases, labels, phrase-list terms).
     */
    public int streamWindow() {
        return plan.window();
    }

    /**
     * Configures a {@link GuardrailSet}. Not thread-safe; {@link #build()} validates and compiles.
     */
    public static final class Builder {
        private final EnumSet<BuiltinDetector> detectors = EnumSet.noneOf(BuiltinDetector.class);
        private final Map<String, PhraseList> lists = new LinkedHashMap<>();
        private final Map<String, String> regexes = new LinkedHashMap<>();

        private Builder() {}

        /** Enables these built-in detectors. */
        public Builder detectors(Collection<BuiltinDetector> ds) {
            detectors.addAll(ds);
            return this;
        }

        /** Enables these built-in detectors. */
        public Builder detectors(BuiltinDetector... ds) {
            return detectors(List.of(ds));
        }

        /** Enables every detector of a family. */
        public Builder family(BuiltinDetector.Family family) {
            return detectors(BuiltinDetector.of(family));
        }

        /**
         * Adds a phrase list; matches are reported as {@link Finding#PHRASE} labelled with the list name. Matching is
         * case-insensitive (simple case folding per char); with {@code wordBoundary} a match must not be preceded or
         * followed by a letter, digit or underscore. All lists of a set share one automaton.
         *
         * @throws GuardrailConfigException on a duplicate list name, an empty term or a term over 256 chars
         */
        public Builder phrases(String name, Collection<String> terms, boolean wordBoundary) {
            Objects.requireNonNull(name, "name");
            if (lists.containsKey(name)) {
                throw new GuardrailConfigException("phrase list \"" + name + "\"", new Problem("duplicate list name", 0));
            }
            List<String> copy = new ArrayList<>(terms.size());
            int k = 0;
            for (String t : terms) {
                if (t == null || t.isEmpty()) {
                    throw new GuardrailConfigException("phrase list \"" + name + "\"",
                            new Problem("term " + k + " is empty", 0));
                }
                if (t.length() > PhraseAutomaton.MAX_TERM) {
                    throw new GuardrailConfigException("phrase list \"" + name + "\"",
                            new Problem("term " + k + " is longer than " + PhraseAutomaton.MAX_TERM + " chars", 0));
                }
                copy.add(t);
                k++;
            }
            lists.put(name, new PhraseList(name, List.copyOf(copy), wordBoundary));
            return this;
        }

        /**
         * Adds a policy regex (re2j syntax, matched per line); matches are reported as {@link Finding#REGEX}
         * labelled with {@code name}.
         *
         * @throws GuardrailConfigException when {@link RegexValidator#validate(String)} reports a problem
         */
        public Builder regex(String name, String pattern) {
            Objects.requireNonNull(name, "name");
            Optional<Problem> problem = RegexValidator.validate(pattern);
            if (problem.isPresent()) throw new GuardrailConfigException("regex \"" + name + "\"", problem.get());
            if (regexes.containsKey(name)) {
                throw new GuardrailConfigException("regex \"" + name + "\"", new Problem("duplicate regex name", 0));
            }
            regexes.put(name, pattern);
            return this;
        }

        /** Compiles the configuration. */
        public GuardrailSet build() {
            boolean[] on = new boolean[BuiltinDetector.values().length];
            for (BuiltinDetector d : detectors) on[d.ordinal()] = true;
            PhraseAutomaton automaton = null;
            String[] names = new String[lists.size()];
            if (!lists.isEmpty()) {
                List<String> terms = new ArrayList<>();
                List<Integer> listOf = new ArrayList<>();
                List<Boolean> bounds = new ArrayList<>();
                int l = 0;
                for (PhraseList list : lists.values()) {
                    names[l] = list.name();
                    for (String t : list.terms()) {
                        terms.add(t);
                        listOf.add(l);
                        bounds.add(list.wordBoundary());
                    }
                    l++;
                }
                int[] li = listOf.stream().mapToInt(Integer::intValue).toArray();
                boolean[] wb = new boolean[bounds.size()];
                for (int k = 0; k < wb.length; k++) wb[k] = bounds.get(k);
                automaton = PhraseAutomaton.compile(terms, li, wb);
            }
            Pattern[] patterns = new Pattern[regexes.size()];
            String[] regexNames = new String[regexes.size()];
            int r = 0;
            for (Map.Entry<String, String> e : regexes.entrySet()) {
                regexNames[r] = e.getKey();
                patterns[r++] = Pattern.compile(e.getValue());
            }
            ScanPlan plan = new ScanPlan(on, automaton, names, patterns, regexNames);
            return new GuardrailSet(plan, Set.copyOf(detectors));
        }
    }

    private record PhraseList(String name, List<String> terms, boolean wordBoundary) {}
}

package io.llmpolicy.dsl;

import io.llmpolicy.dsl.ast.PolicyFile;
import io.llmpolicy.dsl.check.CheckedPolicy;
import io.llmpolicy.dsl.check.Checker;
import io.llmpolicy.dsl.diag.Code;
import io.llmpolicy.dsl.diag.Diagnostic;
import io.llmpolicy.dsl.diag.Diagnostics;
import io.llmpolicy.dsl.parse.PolicyParser;
import io.llmpolicy.dsl.source.Source;
import io.llmpolicy.dsl.source.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The front end in one call: read a policy file, follow its imports, parse, check.
 * <pre>{@code
 * PolicyLoader.Result r = PolicyLoader.load(Path.of("support.llmpolicy"));
 * if (r.policy() == null) r.diagnostics().forEach(d -> System.err.print(r.render(d)));
 * }</pre>
 * Imports are resolved relative to the importing file; each file is read once; cycles are E206.
 * Thread-safe (no shared state).
 */
public final class PolicyLoader {
    private PolicyLoader() {}

    /**
     * @param policy the checked policy, or null when there is any error
     * @param sources every file read, by display name, for rendering diagnostics
     */
    public record Result(CheckedPolicy policy, List<Diagnostic> diagnostics, Map<String, Source> sources) {
        public boolean ok() {
            return policy != null;
        }

        public String render(Diagnostic d) {
            return new io.llmpolicy.dsl.diag.DiagnosticRenderer(sources).render(d);
        }
    }

    public static Result load(Path file) {
        return new Run().load(file);
    }

    /**
     * Checks done by layers above the front end on a policy that passed the checker (for example compiling its
     * scripts); they add diagnostics, and may register the sources they point into (a {@code .js} file).
     */
    public interface Validator {
        void validate(CheckedPolicy policy, Diagnostics diagnostics, Map<String, Source> sources);
    }

    /** {@link #load(Path)}, then the validators when the policy checks; the policy is null if they report errors. */
    public static Result load(Path file, List<Validator> validators) {
        Result r = load(file);
        if (!r.ok() || validators.isEmpty()) return r;
        Diagnostics extra = new Diagnostics();
        Map<String, Source> sources = new LinkedHashMap<>(r.sources());
        for (Validator v : validators) v.validate(r.policy(), extra, sources);
        List<Diagnostic> all = new ArrayList<>(r.diagnostics());
        all.addAll(extra.sorted());
        return new Result(extra.hasErrors() ? null : r.policy(), List.copyOf(all), sources);
    }

    /** Checks policy text that is not in a file (imports resolve against the working directory). */
    public static Result loadString(String name, String text) {
        return new Run().loadText(name, text, null);
    }

    private static final class Run {
        private final Diagnostics diagnostics = new Diagnostics();
        private final Map<String, Source> sources = new LinkedHashMap<>();
        private final Map<Path, PolicyFile> parsed = new LinkedHashMap<>();
        private final List<Path> stack = new ArrayList<>();
        private final MessageDigest digest = sha256();

        Result load(Path file) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                diagnostics.error(Code.E205, new Span(file.toString(), 0, 0, 1, 1, 1, 1), "cannot read " + file + ": " + reason(e), null);
                return new Result(null, diagnostics.sorted(), sources);
            }
            return loadText(file.toString(), text, file.toAbsolutePath().normalize());
        }

        Result loadText(String name, String text, Path absolute) {
            Source source = new Source(name, text);
            sources.put(name, source);
            digest.update(text.getBytes(StandardCharsets.UTF_8));
            PolicyFile main = PolicyParser.parse(source, diagnostics);
            if (main == null) return new Result(null, diagnostics.sorted(), sources);
            Path key = absolute != null ? absolute : Path.of(name).toAbsolutePath().normalize();
            parsed.put(key, main);
            stack.add(key);
            imports(main, key, Path.of(name).getParent());
            stack.remove(stack.size() - 1);
            if (diagnostics.hasErrors()) return new Result(null, diagnostics.sorted(), sources);
            String hash = "sha256:" + HexFormat.of().formatHex(digest.digest());
            Path baseDir = key.getParent();
            CheckedPolicy policy = Checker.check(new ArrayList<>(parsed.values()), baseDir, hash, diagnostics);
            return new Result(policy, diagnostics.sorted(), sources);
        }

        private void imports(PolicyFile file, Path absolute, Path displayDir) {
            for (PolicyFile.Import imp : file.imports()) {
                Path target = absolute.getParent().resolve(imp.path()).normalize();
                String display = (displayDir == null ? Path.of(imp.path()) : displayDir.resolve(imp.path())).normalize().toString();
                if (stack.contains(target)) {
                    List<String> cycle = new ArrayList<>();
                    for (Path p : stack.subList(stack.indexOf(target), stack.size())) cycle.add(p.getFileName().toString());
                    cycle.add(target.getFileName().toString());
                    diagnostics.error(Code.E206, imp.span(), "import cycle: " + String.join(" -> ", cycle),
                            "move the shared definitions into a file that imports nothing");
                    continue;
                }
                if (parsed.containsKey(target)) continue;
                String text;
                try {
                    text = Files.readString(target, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    diagnostics.error(Code.E205, imp.span(), "cannot import \"" + imp.path() + "\": " + reason(e),
                            "import paths are relative to the directory of the importing file");
                    continue;
                }
                Source source = new Source(display, text);
                sources.put(display, source);
                digest.update(text.getBytes(StandardCharsets.UTF_8));
                PolicyFile f = PolicyParser.parse(source, diagnostics);
                if (f == null) continue;
                parsed.put(target, f);
                stack.add(target);
                imports(f, target, Path.of(display).getParent());
                stack.remove(stack.size() - 1);
            }
        }

        private static String reason(IOException e) {
            return e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getClass().getSimpleName() + ": " + e.getMessage();
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by every JDK", e);
            }
        }
    }
}

package io.llmpolicy.script;

import java.util.Set;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;

/**
 * A script prepared for pooled execution: the author's text as a parse-only source (for syntax errors at exact
 * positions) and the same text wrapped in a factory function, {@code (function(){ <code> ; return NAME; })},
 * which every call invokes first. Running the top level inside the factory gives each call fresh bindings: a
 * top-level {@code let counter} starts again at every call, so nothing one request computes is visible to the
 * next, even though the context is reused. The factory prefix shares the first line with the code, so only
 * columns on line 1 shift, and {@link #locate} undoes that. Immutable.
 */
final class CompiledScript {

    static final String PREFIX = "(function(){";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Set<String> RESERVED = Set.of("break", "case", "catch", "class", "const", "continue",
            "debugger", "default", "delete", "do", "else", "enum", "export", "extends", "false", "finally", "for",
            "function", "if", "implements", "import", "in", "instanceof", "interface", "let", "new", "null",
            "package", "private", "protected", "public", "return", "static", "super", "switch", "this", "throw",
            "true", "try", "typeof", "var", "void", "while", "with", "yield", "await", "arguments", "eval",
            "undefined", "NaN", "Infinity");

    final ScriptSource source;
    final String functionName;
    final Source parseSource;
    final Source wrapped;
    /** Key of this script's factory in a context's cache: name and text, computed once (String caches its hash). */
    final String factoryKey;
    private final String wrappedText;
    private final int codeLines;
    /** Policy position of the function's declaration; set once by compile before the function is published. */
    private int[] declaredAt;

    CompiledScript(ScriptSource source, String functionName) {
        this.source = source;
        this.functionName = functionName;
        this.parseSource = Source.newBuilder("js", source.code(), source.name()).cached(false).buildLiteral();
        String text = PREFIX + source.code() + "\n;return typeof " + functionName + " === 'undefined' ? undefined : "
                + functionName + ";\n})";
        this.wrapped = Source.newBuilder("js", text, source.name()).buildLiteral();
        this.factoryKey = source.name() + '\u0000' + text;
        this.wrappedText = text;
        this.codeLines = (int) source.code().chars().filter(c -> c == '\n').count() + 1;
    }

    /** Whether {@code name} can be declared as a JavaScript function and safely spliced into the wrapper. */
    static boolean isFunctionName(String name) {
        return name != null && IDENTIFIER.matcher(name).matches() && !RESERVED.contains(name);
    }

    /**
     * The policy position {@code {line, column}} of a source section in this script's parse-only or wrapped
     * source, or {@code null} when the section belongs to other code (a built-in, or text passed to {@code eval}).
     */
    int[] locate(SourceSection section) {
        if (section == null || !section.isAvailable() || section.getSource() == null) {
            return null;
        }
        // Compared by name and text, not Source.equals: a context may hold the factory of an earlier compile of
        // the same script (same text), whose Source object is not equal to this compile's.
        Source s = section.getSource();
        if (!source.name().equals(s.getName())) {
            return null;
        }
        int line = section.getStartLine();
        int column = section.getStartColumn();
        CharSequence text = s.getCharacters();
        if (wrappedText.contentEquals(text)) {
            if (line > codeLines) {
                return start();
            }
            if (line == 1) {
                column = Math.max(1, column - PREFIX.length());
            }
        } else if (!source.code().contentEquals(text)) {
            return null;
        }
        return new int[] {source.policyLine(line), source.policyColumn(line, column)};
    }

    void declaredAt(int[] at) {
        this.declaredAt = at;
    }

    /** The policy position of the function's declaration, or of the script's start while compiling. */
    int[] declaredAt() {
        return declaredAt != null ? declaredAt : start();
    }

    /** The policy position of the script's first character. */
    int[] start() {
        return new int[] {source.startLine(), source.startColumn()};
    }
}

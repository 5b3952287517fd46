package io.llmpolicy.script;

/**
 * The text of a script and where it sits in the policy, so every error can point at the policy file.
 *
 * <p>For a script inline in a {@code .llmpolicy} file, pass the text exactly as it appears (indentation included)
 * and the file position of its first character; for a {@code .js} file next to the policy, pass the file's path as
 * the name and {@code 1, 1}. Script line {@code l}, column {@code c} then maps to policy line
 * {@code startLine + l - 1}, column {@code c} (or {@code startColumn + c - 1} on the script's first line).
 * Immutable.
 *
 * @param name        the name errors show, usually the policy file or {@code .js} path
 * @param code        the JavaScript source text
 * @param startLine   policy line (1-based) of the first character of {@code code}
 * @param startColumn policy column (1-based) of the first character of {@code code}
 */
public record ScriptSource(String name, String code, int startLine, int startColumn) {

    public ScriptSource {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a script needs a name (the policy or .js file it comes from)");
        }
        if (code == null) {
            throw new IllegalArgumentException("script " + name + " has no code");
        }
        if (startLine < 1 || startColumn < 1) {
            throw new IllegalArgumentException("script " + name + ": start position must be 1-based, got "
                    + startLine + ":" + startColumn);
        }
    }

    /** A script that starts at line 1, column 1 of its own file. */
    public static ScriptSource of(String name, String code) {
        return new ScriptSource(name, code, 1, 1);
    }

    /** The policy line of script line {@code scriptLine} (1-based). */
    int policyLine(int scriptLine) {
        return startLine + scriptLine - 1;
    }

    /** The policy column of script column {@code scriptColumn} on script line {@code scriptLine} (1-based). */
    int policyColumn(int scriptLine, int scriptColumn) {
        return scriptLine == 1 ? startColumn + scriptColumn - 1 : scriptColumn;
    }
}

package io.llmpolicy.script;

import java.util.Objects;

/**
 * A script function failed, or could not be called. Carries what a policy needs to decide whether the check fails
 * open or closed ({@link #kind()}), and what an author needs to fix it: the script name, the function, the policy
 * position of the failing JavaScript (0 when unknown) and what the script printed during the call.
 *
 * <p>Deliberately carries no reference to the JavaScript engine's objects (no guest values, no polyglot
 * exception as the cause), so it can be kept in decisions and traces after the script context is gone.
 * Immutable; safe to share between threads.
 */
public class ScriptException extends RuntimeException {

    /** Why the call failed. */
    public enum Kind {
        /** The script does not parse (only at compile time; {@link ScriptCompileException}). */
        SYNTAX("syntax error"),
        /** The declared function is not defined by the script, or is not a function (compile time). */
        MISSING_FUNCTION("missing function"),
        /** The script threw, or a built-in it called did (TypeError, RangeError, stack overflow, ...). */
        RUNTIME_ERROR("runtime error"),
        /** An argument or the result does not match the declared signature. */
        TYPE_MISMATCH("type mismatch"),
        /** The call executed more statements than the runtime allows. */
        STATEMENT_LIMIT("statement limit exceeded"),
        /** The call ran longer than the wall-clock time-out, or no context was free in time. */
        TIMEOUT("time-out"),
        /** The call allocated more memory than allowed, or the JVM ran out of heap while it ran. */
        RESOURCE_LIMIT("resource limit exceeded"),
        /** The runtime was closed, or the calling thread was interrupted while waiting for a context. */
        CANCELLED("cancelled");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** Words for messages, for example {@code "statement limit exceeded"}. */
        public String label() {
            return label;
        }
    }

    private final Kind kind;
    private final String scriptName;
    private final String functionName;
    private final int line;
    private final int column;
    private final String detail;
    private final String consoleOutput;

    ScriptException(Kind kind, String scriptName, String functionName, int line, int column, String detail,
                    String consoleOutput, Throwable cause) {
        super(format(kind, scriptName, functionName, line, column, detail), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.scriptName = scriptName;
        this.functionName = functionName;
        this.line = line;
        this.column = column;
        this.detail = detail;
        this.consoleOutput = consoleOutput == null ? "" : consoleOutput;
    }

    private static String format(Kind kind, String script, String function, int line, int column, String detail) {
        StringBuilder s = new StringBuilder(script);
        if (line > 0) {
            s.append(':').append(line).append(':').append(column);
        }
        s.append(": ").append(kind.label());
        if (function != null && !function.isEmpty()) {
            s.append(" in ").append(function);
        }
        return s.append(": ").append(detail).toString();
    }

    public Kind kind() {
        return kind;
    }

    /** The {@link ScriptSource#name()} of the script. */
    public String scriptName() {
        return scriptName;
    }

    /** The declared JavaScript function name. */
    public String functionName() {
        return functionName;
    }

    /** Policy line (1-based) of the failing JavaScript, or 0 when unknown (for example a type mismatch). */
    public int line() {
        return line;
    }

    /** Policy column (1-based) of the failing JavaScript, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** The message without the location prefix, for example {@code "TypeError: x is undefined"}. */
    public String detail() {
        return detail;
    }

    /** What the script printed ({@code console.log}, {@code print}) during the failed call, bounded; may be empty. */
    public String consoleOutput() {
        return consoleOutput;
    }
}

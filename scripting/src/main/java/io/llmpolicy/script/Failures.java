package io.llmpolicy.script;

import java.util.regex.Pattern;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/**
 * Turns what went wrong in a call into a {@link ScriptException} pointing at the policy source: the kind (from
 * the watchdog's stop reason, or from the polyglot exception's flags), a message without engine noise, and the
 * first position in the author's code: the throw site, else the innermost stack frame in the script, else (some
 * engine errors, such as writing to a frozen object, carry no position) the declaration of the called function.
 */
final class Failures {

    private static final String STATEMENT_LIMIT_MESSAGE = "Statement count limit";
    private static final Pattern SYNTAX_PREFIX = Pattern.compile("^(SyntaxError: )?.*?:\\d+:\\d+ ");

    private Failures() {
    }

    /** Whether a context that produced {@code e} must be dropped rather than reused. */
    static boolean breaksContext(PolyglotException e) {
        return e.isCancelled() || e.isResourceExhausted() || e.isInterrupted() || e.isInternalError()
                || !e.isGuestException();
    }

    static ScriptException of(PolyglotException e, PooledContext.Stop stop, CompiledScript script,
                              ScriptLimits limits, String console, boolean compiling) {
        int[] at = locate(e, script);
        ScriptException.Kind kind;
        String detail;
        Throwable cause = null;
        if (stop != null) {
            kind = stop.kind();
            detail = stop.detail();
        } else if (e.isResourceExhausted() && String.valueOf(e.getMessage()).startsWith(STATEMENT_LIMIT_MESSAGE)) {
            kind = ScriptException.Kind.STATEMENT_LIMIT;
            detail = "executed more than " + limits.statementLimit() + " statements in one call";
        } else if (e.isResourceExhausted()) {
            kind = ScriptException.Kind.RESOURCE_LIMIT;
            detail = "ran out of resources: " + e.getMessage();
        } else if (e.isCancelled() || e.isInterrupted()) {
            kind = ScriptException.Kind.CANCELLED;
            detail = "the call was cancelled";
        } else if (compiling && e.isSyntaxError()) {
            kind = ScriptException.Kind.SYNTAX;
            detail = syntaxMessage(e.getMessage());
        } else if (e.isInternalError() || !e.isGuestException()) {
            kind = ScriptException.Kind.RUNTIME_ERROR;
            detail = "internal error in the JavaScript engine: " + e.getMessage();
            cause = e;
        } else {
            kind = ScriptException.Kind.RUNTIME_ERROR;
            String message = String.valueOf(e.getMessage());
            detail = message.startsWith("SyntaxError:") ? "SyntaxError: " + syntaxMessage(message) : message;
        }
        return create(kind, script, at != null ? at : script.declaredAt(), detail, console, cause, compiling);
    }

    static ScriptException create(ScriptException.Kind kind, CompiledScript script, int[] at, String detail,
                                  String console, Throwable cause, boolean compiling) {
        int line = at == null ? 0 : at[0];
        int column = at == null ? 0 : at[1];
        String name = script.source.name();
        return compiling
                ? new ScriptCompileException(kind, name, script.functionName, line, column, detail, console)
                : new ScriptException(kind, name, script.functionName, line, column, detail, console, cause);
    }

    private static int[] locate(PolyglotException e, CompiledScript script) {
        int[] at = script.locate(e.getSourceLocation());
        if (at != null) {
            return at;
        }
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (frame.isGuestFrame()) {
                SourceSection s = frame.getSourceLocation();
                at = script.locate(s);
                if (at != null) {
                    return at;
                }
            }
        }
        return null;
    }

    /**
     * GraalJS syntax messages read {@code "SyntaxError: name:3:14 Expected ; but found x\n<source line>\n<caret>"};
     * the position is reported separately (mapped to the policy), so keep only the words of the first line.
     */
    static String syntaxMessage(String message) {
        String first = message == null ? "" : message.lines().findFirst().orElse("");
        first = SYNTAX_PREFIX.matcher(first).replaceFirst("");
        return first.isBlank() ? "syntax error" : first;
    }
}

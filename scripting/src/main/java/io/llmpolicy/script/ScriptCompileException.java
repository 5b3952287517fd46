package io.llmpolicy.script;

/**
 * A script could not be turned into a callable function: it does not parse ({@link Kind#SYNTAX}), it does not
 * define the declared function ({@link Kind#MISSING_FUNCTION}), or its top-level code failed or hit a limit while
 * the function was looked up. {@link #line()} and {@link #column()} are policy positions, ready for a policy
 * diagnostic. Immutable.
 */
public final class ScriptCompileException extends ScriptException {

    ScriptCompileException(Kind kind, String scriptName, String functionName, int line, int column, String detail,
                           String consoleOutput) {
        super(kind, scriptName, functionName, line, column, detail, consoleOutput, null);
    }
}

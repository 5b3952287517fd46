package io.llmpolicy.script;

import java.util.List;

/**
 * A compiled script function with its declared signature, ready to be called from policy evaluation.
 *
 * <p>Each call checks and copies the arguments by declared type, takes a context from the runtime's pool (waiting
 * at most the time-out if all are busy), runs the script's top level and then the function under the statement,
 * time and allocation limits, and copies the result out by the declared return type. Arguments and results are
 * {@link ScriptType}'s Java representations: {@code String}, {@code Double} (any Java number is accepted as an
 * argument), {@code Boolean}, unmodifiable lists of those.
 *
 * <p>Threading: immutable and thread-safe; concurrent calls run in different contexts and never share state.
 */
public final class ScriptFunction {

    private final ScriptRuntime runtime;
    private final CompiledScript script;
    private final List<ScriptType> parameters;
    private final ScriptType returns;

    ScriptFunction(ScriptRuntime runtime, CompiledScript script, List<ScriptType> parameters, ScriptType returns) {
        this.runtime = runtime;
        this.script = script;
        this.parameters = parameters;
        this.returns = returns;
    }

    /** The JavaScript function name. */
    public String name() {
        return script.functionName;
    }

    public List<ScriptType> parameters() {
        return parameters;
    }

    public ScriptType returns() {
        return returns;
    }

    public ScriptSource source() {
        return script.source;
    }

    /**
     * Calls the function.
     *
     * @return the result as the declared type's Java representation
     * @throws ScriptException on any failure; its {@link ScriptException#kind()} says which
     */
    public Object call(Object... arguments) {
        Object[] prepared;
        try {
            prepared = Boundary.prepareArguments(parameters, arguments);
        } catch (Boundary.Mismatch e) {
            throw Failures.create(ScriptException.Kind.TYPE_MISMATCH, script, script.declaredAt(), e.getMessage(),
                    "", null, false);
        }
        return runtime.call(script, prepared, returns);
    }

    /** {@link #call} with the arguments as a list, as policy evaluation holds them. */
    public Object apply(List<?> arguments) {
        return call(arguments == null ? null : arguments.toArray());
    }

    /** The signature, for example {@code score(string, list<string>) -> number}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(script.functionName).append('(');
        for (int i = 0; i < parameters.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(parameters.get(i));
        }
        return s.append(") -> ").append(returns).toString();
    }
}

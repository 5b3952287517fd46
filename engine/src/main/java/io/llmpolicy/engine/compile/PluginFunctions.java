package io.llmpolicy.engine.compile;

import io.llmpolicy.dsl.ast.Decl;

/** Binds the plugin functions a policy declares to implementations, when a policy is compiled. */
@FunctionalInterface
public interface PluginFunctions {
    /** A bound function: arguments in run-time form (String, Long, Double, Boolean, List), never null. */
    @FunctionalInterface
    interface Call {
        Object call(Object[] args);
    }

    Call bind(Decl.Function declaration);
}

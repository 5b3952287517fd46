package io.llmpolicy.plugin;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Extension point for functions policies can call, such as {@code ticket_priority(request.text) > 2}.
 *
 * <p>Contract: a pure function. The result depends only on the arguments: no I/O, no clock, no randomness, no
 * state between calls, so decisions can be replayed. Arguments arrive in the Java representation of
 * {@link #signature()}'s parameter types (see {@link ValueType}), already checked; the result must be of the
 * declared return type, or the host reports a typed error naming the plugin and the policy location. Called on
 * the request path, so it should take microseconds.
 *
 * <p>Threading: thread-safe; called concurrently from many request threads.
 */
public interface PolicyFunction extends ExtensionPoint {

    /** The declared signature; must not change while the plugin is loaded. */
    FunctionSignature signature();

    /** Applies the function to arguments matching {@link #signature()}. */
    Object apply(List<Object> arguments);
}

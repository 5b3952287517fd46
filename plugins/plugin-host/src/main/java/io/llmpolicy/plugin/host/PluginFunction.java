package io.llmpolicy.plugin.host;

import io.llmpolicy.plugin.FunctionSignature;
import io.llmpolicy.plugin.PolicyFunction;
import java.util.Objects;

/**
 * A policy function a plugin provides, with the signature it declared when the host loaded it (read once, so
 * the checker and every call agree on it). Bind it at compile time, call it with
 * {@link PluginBoundary#invoke(PluginFunction, java.util.List, String)}. Immutable.
 */
public record PluginFunction(PluginExtension<PolicyFunction> extension, FunctionSignature signature) {
    public PluginFunction {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(signature, "signature");
    }

    public String name() {
        return signature.name();
    }
}

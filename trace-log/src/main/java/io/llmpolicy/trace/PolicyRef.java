package io.llmpolicy.trace;

/**
 * The policy that made a decision: its declared name and version and a hash of its compiled source, so a trace
 * record can be tied to the exact policy text even when a version label was reused. Immutable and thread-safe.
 *
 * @param name    policy name ({@code llmpolicy.policy.name}), may be null when no policy was loaded
 * @param version policy version label ({@code llmpolicy.policy.version}), may be null
 * @param hash    hash of the policy source, conventionally {@code sha256:<hex>} ({@code llmpolicy.policy.hash})
 */
public record PolicyRef(String name, String version, String hash) {

    /** No policy: all three parts absent. */
    public static final PolicyRef NONE = new PolicyRef(null, null, null);
}

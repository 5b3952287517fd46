/**
 * Run-time state and arithmetic for routing, independent of the policy language: sticky canary hashing
 * ({@link io.llmpolicy.engine.route.runtime.StickyHash}, {@link io.llmpolicy.engine.route.runtime.WeightedSplit}),
 * observed latency ({@link io.llmpolicy.engine.route.runtime.LatencyTracker}) and per-target cooldown
 * ({@link io.llmpolicy.engine.route.runtime.CircuitBreaker}). Targets are identified by the dense {@code int}
 * index the compiler assigns; every class here is thread-safe, lock-free and allocation-free after construction,
 * and takes time as an argument.
 */
package io.llmpolicy.engine.route.runtime;

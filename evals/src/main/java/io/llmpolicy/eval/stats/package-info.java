/**
 * The statistics behind eval reports: Wilson score intervals, the two-proportion z-test, Fisher's exact test,
 * Welch's t-test and the distribution functions they need. Pure functions; every class is stateless and
 * thread-safe. {@code docs/evals.md} says which test is used when, with references.
 */
package io.llmpolicy.eval.stats;

/**
 * Online eval monitoring: tumbling-window aggregates of sampled eval results (pass rate, mean and p95 of scores,
 * latency) with alert conditions that fire at most once per window. Time is always passed in as epoch
 * milliseconds by the caller; nothing here reads a clock.
 */
package io.llmpolicy.eval.online;

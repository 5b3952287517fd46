/**
 * The trace log: every decision as a {@link io.llmpolicy.trace.TraceRecord}, appended to a Chronicle Queue
 * directory as a SHA-256 hash chain with (optionally Ed25519-signed) checkpoints, retained by policy, and
 * verifiable. Reference: {@code docs/trace-schema.md}.
 *
 * <ul>
 *   <li>Write: {@link io.llmpolicy.trace.TraceWriter#open} with a {@link io.llmpolicy.trace.TraceConfig}, then
 *       {@link io.llmpolicy.trace.TraceWriter#append} from any thread; several processes may share a directory.</li>
 *   <li>Read: {@link io.llmpolicy.trace.TraceReader} (all, from a time, last N, follow).</li>
 *   <li>Verify: {@link io.llmpolicy.trace.TraceVerifier#verify}, giving a
 *       {@link io.llmpolicy.trace.VerifyResult} with the exit code of {@code llmpolicy trace verify}.</li>
 *   <li>Content privacy: {@link io.llmpolicy.trace.ContentPolicy}; signing keys:
 *       {@link io.llmpolicy.trace.TraceKeys}.</li>
 * </ul>
 * Query and report live in {@link io.llmpolicy.trace.query}. This package knows nothing of the engine.
 */
package io.llmpolicy.trace;

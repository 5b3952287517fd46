package io.llmpolicy.eval;

/**
 * Deterministic sampling of requests for online evals.
 *
 * <p>A request is sampled by eval {@code E} at rate {@code r} parts per million when
 * <pre>
 *   h      = first 64 bits (h1) of MurmurHash3_x64_128, seed 0, over UTF-8(E) ‖ 0x00 ‖ UTF-8(requestId)
 *   bucket = h mod 1,000,000   (h read as unsigned)
 *   sampled  ⇔  bucket &lt; r
 * </pre>
 * So the same request id always gets the same answer for the same eval, in every process and in a replay; raising
 * the rate only adds ids (an id sampled at rate r is sampled at every rate above r); and the eval name acts as a
 * salt, so two evals at 10% sample different, independent 10% slices. The bias of reducing 2<sup>64</sup> values
 * modulo 10<sup>6</sup> is below 10<sup>-13</sup>. h1 is what Guava's {@code Hashing.murmur3_128().hashBytes(b).asLong()}
 * returns. Unpaired surrogates in the strings are encoded as {@code ?}, as {@link String#getBytes} does.
 *
 * <p>Stateless and thread-safe; hashing encodes into a per-thread scratch buffer, so steady state allocates nothing.
 */
public final class Sampler {

    /** The rate that samples every request. */
    public static final long ALWAYS = 1_000_000L;

    private Sampler() {
    }

    /** Whether eval {@code evalName} samples {@code requestId} at {@code rateInPartsPerMillion} (clamped). */
    public static boolean sampled(String requestId, long rateInPartsPerMillion, String evalName) {
        if (rateInPartsPerMillion <= 0) return false;
        if (rateInPartsPerMillion >= ALWAYS) return true;
        return bucket(requestId, evalName) < rateInPartsPerMillion;
    }

    /** The id's bucket in [0, 1,000,000) for this eval; sampled exactly when the bucket is below the rate. */
    public static long bucket(String requestId, String evalName) {
        return Long.remainderUnsigned(Murmur3.hash64(evalName, requestId), ALWAYS);
    }
}

package io.llmpolicy.engine.route.runtime;

import java.util.Objects;

/**
 * Deterministic hashing of a sticky key (a user id, a session id) into one of 10,000 buckets (basis points), so
 * the same key always lands in the same canary arm, in every process, on every run, in replay. Immutable and
 * thread-safe; hashing allocates nothing.
 *
 * <p>The function, specified so another implementation (a gateway in another language) can reproduce it:
 * <ol>
 *   <li>{@code s = FNV-1a-64(UTF-8(salt))} (offset basis {@code 0xcbf29ce484222325}, prime
 *       {@code 0x100000001b3}); {@code seed = fmix64(s)}, where {@code fmix64} is MurmurHash3's 64-bit
 *       finalizer.</li>
 *   <li>{@code h} = FNV-1a-64 over {@code UTF-8(key)} starting from {@code seed} instead of the offset basis;
 *       {@code hash64 = fmix64(h)}.</li>
 *   <li>{@code bucket = floor(hash64 × 10000 / 2^64)}, {@code hash64} read as unsigned: the high 64 bits of the
 *       128-bit product, which is uniform up to 10<sup>-15</sup> where a plain modulo would be too.</li>
 * </ol>
 * The salt separates experiments: the same user is in independent buckets for two canaries with different salts
 * (by convention the route's name). An unpaired surrogate is encoded as U+FFFD, as UTF-8 encoders do.
 */
public final class StickyHash {

    /** Number of buckets: one per basis point. */
    public static final int BUCKETS = 10_000;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final String salt;
    private final long seed;

    private StickyHash(String salt) {
        this.salt = salt;
        this.seed = fmix64(fnv1a(FNV_OFFSET, salt));
    }

    /** A hash for one experiment; {@code salt} may be empty. */
    public static StickyHash withSalt(String salt) {
        return new StickyHash(Objects.requireNonNull(salt, "salt"));
    }

    /** The salt. */
    public String salt() {
        return salt;
    }

    /** The 64-bit hash of {@code key}. */
    public long hash64(CharSequence key) {
        Objects.requireNonNull(key, "sticky key");
        return fmix64(fnv1a(seed, key));
    }

    /** The bucket of {@code key}, in {@code [0, 10000)}. */
    public int bucket(CharSequence key) {
        return bucketOf(hash64(key));
    }

    /** The bucket of a 64-bit hash, in {@code [0, 10000)}. */
    public static int bucketOf(long hash64) {
        return (int) Math.unsignedMultiplyHigh(hash64, BUCKETS);
    }

    /** FNV-1a over the UTF-8 bytes of {@code text}, encoded on the fly (no allocation). */
    private static long fnv1a(long start, CharSequence text) {
        long h = start;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                h = (h ^ c) * FNV_PRIME;
            } else if (c < 0x800) {
                h = (h ^ (0xC0 | (c >> 6))) * FNV_PRIME;
                h = (h ^ (0x80 | (c & 0x3F))) * FNV_PRIME;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                h = (h ^ (0xF0 | (cp >> 18))) * FNV_PRIME;
                h = (h ^ (0x80 | ((cp >> 12) & 0x3F))) * FNV_PRIME;
                h = (h ^ (0x80 | ((cp >> 6) & 0x3F))) * FNV_PRIME;
                h = (h ^ (0x80 | (cp & 0x3F))) * FNV_PRIME;
            } else {
                int cp = Character.isSurrogate(c) ? 0xFFFD : c;
                h = (h ^ (0xE0 | (cp >> 12))) * FNV_PRIME;
                h = (h ^ (0x80 | ((cp >> 6) & 0x3F))) * FNV_PRIME;
                h = (h ^ (0x80 | (cp & 0x3F))) * FNV_PRIME;
            }
        }
        return h;
    }

    static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}

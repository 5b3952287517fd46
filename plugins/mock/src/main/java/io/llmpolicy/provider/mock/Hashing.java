package io.llmpolicy.provider.mock;

import java.nio.charset.StandardCharsets;

/** Deterministic 64-bit hashing (FNV-1a over UTF-8, finished with SplitMix64) for derived mock values. */
final class Hashing {
    private Hashing() {}

    static long hash(long seed, String... parts) {
        long h = 0xcbf29ce484222325L ^ mix(seed);
        for (String p : parts) {
            for (byte b : p.getBytes(StandardCharsets.UTF_8)) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
            h ^= 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** A uniform value in [0, 1) from a hash. */
    static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}

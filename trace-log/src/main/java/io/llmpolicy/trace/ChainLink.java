package io.llmpolicy.trace;

import java.util.HexFormat;

/**
 * One link of the hash chain: the queue index of a record, its sequence and its chain hash. The genesis link
 * (sequence -1, 32 zero bytes) precedes sequence 0. Immutable (the hash array is never modified after
 * construction) and thread-safe.
 */
record ChainLink(long index, long sequence, byte[] hash) {

    static final ChainLink GENESIS = new ChainLink(Long.MIN_VALUE, -1, new byte[ChainHash.LENGTH]);

    boolean isGenesis() {
        return sequence < 0;
    }

    String hashHex() {
        return HexFormat.of().formatHex(hash);
    }
}

package io.llmpolicy.trace;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The chain function. For the record with sequence {@code n} and body bytes {@code B}:
 * <pre>
 *   H(n) = SHA-256( H(n-1) || int64_be(n) || SHA-256(B) ),   H(-1) = 32 zero bytes
 * </pre>
 * Hashing the body separately lets the writer digest the (large) body before it takes the queue's write lock;
 * only the 72-byte link input is hashed while holding it. The sequence is inside the hash, so renumbering is
 * detected as well as editing. Not thread-safe: one instance per thread (it owns a {@link MessageDigest}).
 */
final class ChainHash {

    static final int LENGTH = 32;

    private final MessageDigest sha256;
    /** prev (32) || seq (8) || body digest (32): one update call instead of three. */
    private final byte[] linkInput = new byte[2 * LENGTH + Long.BYTES];

    ChainHash() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }

    byte[] bodyDigest(byte[] body, int offset, int length) {
        sha256.update(body, offset, length);
        return sha256.digest();
    }

    byte[] link(byte[] previousHash, long sequence, byte[] bodyDigest) {
        System.arraycopy(previousHash, 0, linkInput, 0, LENGTH);
        for (int i = LENGTH + 7; i >= LENGTH; i--) {
            linkInput[i] = (byte) sequence;
            sequence >>>= 8;
        }
        System.arraycopy(bodyDigest, 0, linkInput, LENGTH + Long.BYTES, LENGTH);
        return sha256.digest(linkInput);
    }
}

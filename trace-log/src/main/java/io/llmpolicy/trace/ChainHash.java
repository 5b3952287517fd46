package io.llmpolicy.trace;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The chain function. For the record with sequence {@code n} and body bytes {@code B}, in documents of layout 2
 * (see {@link Documents}):
 * <pre>
 *   H(n) = SHA-256( B || int64_be(n) || H(n-1) ),   H(-1) = 32 zero bytes
 * </pre>
 * One digest per record. The body comes first so that the writer absorbs it (every full 64-byte block of it)
 * before it takes the queue's write lock; only the last block or two — the body's tail, the sequence and the
 * previous hash, known only under the lock — are hashed while holding it. The sequence and previous hash have
 * fixed lengths at the end, so the input parses one way only. Documents of layout 1 used
 * {@code SHA-256( H(n-1) || int64_be(n) || SHA-256(B) )} (two digests); {@link #linkLayout1} still computes it for
 * the verifier. The sequence is inside the hash either way, so renumbering is detected as well as editing.
 * Not thread-safe: one instance per thread (it owns a {@link MessageDigest}).
 */
final class ChainHash {

    static final int LENGTH = 32;

    private final MessageDigest sha256;
    /** prev (32) || seq (8) || body digest (32): one update call instead of three. */
    private final byte[] linkInput = new byte[2 * LENGTH + Long.BYTES];
    private final byte[] bodyDigest = new byte[LENGTH];

    ChainHash() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }

    /** Starts a layout-2 link: absorbs the body. Finish with {@link #finishLink}. */
    void absorbBody(byte[] body, int offset, int length) {
        sha256.reset();
        sha256.update(body, offset, length);
    }

    /** Finishes the link started by {@link #absorbBody}: {@code H(n)} of a layout-2 document. */
    byte[] finishLink(long sequence, byte[] previousHash) {
        byte[] seq = linkInput; // the first 8 bytes serve as scratch for the sequence
        for (int i = 7; i >= 0; i--) {
            seq[i] = (byte) sequence;
            sequence >>>= 8;
        }
        sha256.update(seq, 0, Long.BYTES);
        sha256.update(previousHash, 0, LENGTH);
        return sha256.digest();
    }

    /** {@code H(n)} of a document of the given layout (the verifier's entry point). */
    byte[] link(int layout, byte[] body, int offset, int length, long sequence, byte[] previousHash) {
        if (layout == 1) {
            return linkLayout1(previousHash, sequence, bodyDigest(body, offset, length));
        }
        absorbBody(body, offset, length);
        return finishLink(sequence, previousHash);
    }

    /** The body's digest, in an array this instance reuses: valid until the next call. */
    byte[] bodyDigest(byte[] body, int offset, int length) {
        sha256.update(body, offset, length);
        try {
            sha256.digest(bodyDigest, 0, LENGTH);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("SHA-256 digest does not fit 32 bytes", e);
        }
        return bodyDigest;
    }

    /** {@code H(n)} of a layout-1 document, from the body's digest. */
    byte[] linkLayout1(byte[] previousHash, long sequence, byte[] bodyDigest) {
        System.arraycopy(previousHash, 0, linkInput, 0, LENGTH);
        for (int i = LENGTH + 7; i >= LENGTH; i--) {
            linkInput[i] = (byte) sequence;
            sequence >>>= 8;
        }
        System.arraycopy(bodyDigest, 0, linkInput, LENGTH + Long.BYTES, LENGTH);
        return sha256.digest(linkInput);
    }
}

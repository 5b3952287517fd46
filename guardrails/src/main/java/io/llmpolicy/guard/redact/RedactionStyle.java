package io.llmpolicy.guard.redact;

import java.util.Arrays;
import java.util.Objects;

/**
 * How a redacted span is written. Immutable.
 */
public sealed interface RedactionStyle permits RedactionStyle.Mask, RedactionStyle.Placeholder,
        RedactionStyle.KeyedHash {

    /**
     * Replaces a span with a mask: {@code maskChar} repeated once per code point ({@code keepLength}), or the fixed
     * string {@code fixed}.
     */
    record Mask(char maskChar, boolean keepLength, String fixed) implements RedactionStyle {
        /** Validates the record. */
        public Mask {
            if (!keepLength) Objects.requireNonNull(fixed, "fixed mask text");
            if (Character.isSurrogate(maskChar)) throw new IllegalArgumentException("mask char must not be a surrogate");
        }
    }

    /** Replaces a span with {@code <TYPE_n>}: numbered per type, the same value gets the same number per request. */
    record Placeholder() implements RedactionStyle {}

    /**
     * Replaces a span with {@code <TYPE:hex>}: the first {@code hexChars} hex digits of HMAC-SHA256(key, value), so
     * equal values stay linkable across requests without being readable. Keep the key secret; 32 random bytes is a
     * good choice.
     */
    record KeyedHash(byte[] key, int hexChars) implements RedactionStyle {
        /** Validates the record and copies the key. */
        public KeyedHash {
            Objects.requireNonNull(key, "key");
            if (key.length < 16) throw new IllegalArgumentException("HMAC key must be at least 16 bytes");
            if (hexChars < 4 || hexChars > 64 || hexChars % 2 != 0) {
                throw new IllegalArgumentException("hexChars must be even and between 4 and 64");
            }
            key = key.clone();
        }

        @Override
        public byte[] key() {
            return key.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KeyedHash k && k.hexChars == hexChars && Arrays.equals(k.key, key);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(key) * 31 + hexChars;
        }

        @Override
        public String toString() {
            return "KeyedHash[key=<" + key.length + " bytes>, hexChars=" + hexChars + "]";
        }
    }

    /** {@code ****...} keeping the length in code points. */
    static RedactionStyle maskKeepingLength() {
        return new Mask('*', true, null);
    }

    /** A fixed mask such as {@code ****}. */
    static RedactionStyle fixedMask(String text) {
        return new Mask('*', false, text);
    }

    /** {@code <EMAIL_1>} style placeholders. */
    static RedactionStyle placeholder() {
        return new Placeholder();
    }

    /** {@code <EMAIL:3f2a9c1b>} style keyed hashes with 8 hex digits. */
    static RedactionStyle keyedHash(byte[] key) {
        return new KeyedHash(key, 8);
    }
}

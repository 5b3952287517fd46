package io.llmpolicy.trace;

/**
 * What the trace keeps of a prompt or a response, per {@link ContentMode}. Build values with
 * {@link ContentPolicy}; immutable and thread-safe.
 */
public sealed interface Content {

    /** Nothing kept. */
    Content OMITTED = new Omitted();

    ContentMode mode();

    /** Nothing kept ({@link ContentMode#NONE}). */
    record Omitted() implements Content {
        @Override
        public ContentMode mode() {
            return ContentMode.NONE;
        }
    }

    /**
     * Keyed hash ({@link ContentMode#HMAC_SHA256}).
     *
     * @param keyId id of the HMAC key (not the key), so a verifier knows which key to hash a candidate text with
     * @param hex   lowercase hex of HMAC-SHA256(key, UTF-8 text)
     */
    record KeyedHash(String keyId, String hex) implements Content {
        public KeyedHash {
            if (keyId == null || hex == null) {
                throw new IllegalArgumentException("keyed hash needs a key id and a hex digest");
            }
        }

        @Override
        public ContentMode mode() {
            return ContentMode.HMAC_SHA256;
        }
    }

    /** Redacted text ({@link ContentMode#REDACTED}). */
    record Redacted(String text) implements Content {
        public Redacted {
            if (text == null) {
                throw new IllegalArgumentException("redacted content needs text");
            }
        }

        @Override
        public ContentMode mode() {
            return ContentMode.REDACTED;
        }
    }

    /** Full text ({@link ContentMode#FULL}). */
    record Full(String text) implements Content {
        public Full {
            if (text == null) {
                throw new IllegalArgumentException("full content needs text");
            }
        }

        @Override
        public ContentMode mode() {
            return ContentMode.FULL;
        }
    }
}

package io.llmpolicy.trace;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns prompt and response text into what the trace stores, per direction: nothing (the default), an HMAC-SHA256
 * keyed hash, the redacted text, or the full text.
 *
 * <p>Threading: immutable after construction and safe to share; each thread gets its own {@link Mac} instance.
 */
public final class ContentPolicy {

    /** Which text a mode applies to. */
    public enum Direction { PROMPT, RESPONSE }

    /** Stores no text in either direction. */
    public static final ContentPolicy NONE = new ContentPolicy(ContentMode.NONE, ContentMode.NONE, null, null);

    private final ContentMode promptMode;
    private final ContentMode responseMode;
    private final String hmacKeyId;
    private final ThreadLocal<Mac> macs;

    private ContentPolicy(ContentMode promptMode, ContentMode responseMode, String hmacKeyId, byte[] hmacSecret) {
        this.promptMode = Objects.requireNonNull(promptMode, "promptMode");
        this.responseMode = Objects.requireNonNull(responseMode, "responseMode");
        this.hmacKeyId = hmacKeyId;
        if (hmacSecret == null) {
            this.macs = null;
        } else {
            byte[] secret = hmacSecret.clone();
            this.macs = ThreadLocal.withInitial(() -> newMac(secret));
        }
    }

    /**
     * A policy without an HMAC key.
     *
     * @throws IllegalArgumentException if either mode is {@link ContentMode#HMAC_SHA256}
     */
    public static ContentPolicy of(ContentMode prompt, ContentMode response) {
        if (prompt == ContentMode.HMAC_SHA256 || response == ContentMode.HMAC_SHA256) {
            throw new IllegalArgumentException("content mode hmac_sha256 needs a key: use ContentPolicy.withHmacKey");
        }
        return new ContentPolicy(prompt, response, null, null);
    }

    /**
     * A policy with an HMAC key, used by whichever direction is {@link ContentMode#HMAC_SHA256}.
     *
     * @param keyId  a name for the key, stored next to each hash (never the key itself)
     * @param secret the key bytes, at least 16; copied
     */
    public static ContentPolicy withHmacKey(ContentMode prompt, ContentMode response, String keyId, byte[] secret) {
        if (keyId == null || keyId.isBlank()) {
            throw new IllegalArgumentException("HMAC key needs a non-blank key id");
        }
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("HMAC key '" + keyId + "' must be at least 16 bytes");
        }
        return new ContentPolicy(prompt, response, keyId, secret);
    }

    public ContentMode mode(Direction direction) {
        return direction == Direction.PROMPT ? promptMode : responseMode;
    }

    /** Shorthand for {@code store(Direction.PROMPT, text, redactedText)}. */
    public Content prompt(String text, String redactedText) {
        return store(Direction.PROMPT, text, redactedText);
    }

    /** Shorthand for {@code store(Direction.RESPONSE, text, redactedText)}. */
    public Content response(String text, String redactedText) {
        return store(Direction.RESPONSE, text, redactedText);
    }

    /**
     * What to store for {@code text} in {@code direction}.
     *
     * @param text         the original text; null means there was none (for example a denied request has no
     *                     response) and always gives {@link Content#OMITTED}
     * @param redactedText the text after guardrail redaction; required when the mode is
     *                     {@link ContentMode#REDACTED} (pass {@code text} itself when nothing was redacted),
     *                     ignored otherwise — never silently replaced by the original
     * @throws IllegalArgumentException if the mode is REDACTED and {@code redactedText} is null
     */
    public Content store(Direction direction, String text, String redactedText) {
        if (text == null) {
            return Content.OMITTED;
        }
        return switch (mode(direction)) {
            case NONE -> Content.OMITTED;
            case FULL -> new Content.Full(text);
            case HMAC_SHA256 -> new Content.KeyedHash(hmacKeyId, hmacHex(text));
            case REDACTED -> {
                if (redactedText == null) {
                    throw new IllegalArgumentException("content mode redacted for " + direction
                            + " needs the redacted text; pass the original when nothing was redacted");
                }
                yield new Content.Redacted(redactedText);
            }
        };
    }

    /** Lowercase hex HMAC-SHA256 of the UTF-8 bytes of {@code text} under this policy's key. */
    public String hmacHex(String text) {
        if (macs == null) {
            throw new IllegalStateException("this content policy has no HMAC key");
        }
        Mac mac = macs.get();
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Replaces the spans of the findings on one message with {@code [REDACTED:<detector>]}. Overlapping spans are
     * merged; spans outside the text are clipped.
     *
     * @param findings     findings of a request or response; only those with {@code phase} and
     *                     {@code messageIndex} apply
     */
    public static String redact(String text, List<Finding> findings, Finding.Phase phase, int messageIndex) {
        List<Finding> spans = new ArrayList<>();
        for (Finding f : findings) {
            if (f.phase() == phase && f.messageIndex() == messageIndex && f.start() < text.length()) {
                spans.add(f);
            }
        }
        if (spans.isEmpty()) {
            return text;
        }
        spans.sort(Comparator.comparingInt(Finding::start).thenComparingInt(Finding::end));
        StringBuilder out = new StringBuilder(text.length());
        int written = 0;
        int i = 0;
        while (i < spans.size()) {
            int start = spans.get(i).start();
            int end = Math.min(spans.get(i).end(), text.length());
            String detector = spans.get(i).detector();
            for (i++; i < spans.size() && spans.get(i).start() < end; i++) {
                end = Math.max(end, Math.min(spans.get(i).end(), text.length()));
            }
            out.append(text, written, start).append("[REDACTED:").append(detector).append(']');
            written = end;
        }
        return out.append(text, written, text.length()).toString();
    }

    private static Mac newMac(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Arrays.copyOf(secret, secret.length), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}

package io.llmpolicy.guard.redact;

import io.llmpolicy.guard.Finding;
import io.llmpolicy.guard.Redaction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Redaction state of one request: placeholder numbers ({@code <EMAIL_1>}, {@code <EMAIL_2>}, the same value always
 * the same number) and the HMAC instance of keyed hashes.
 *
 * <p>Concurrency: not thread-safe; one context per request, used by one thread at a time.
 */
public final class RedactionContext implements Redaction {
    private final RedactionStyle style;
    private final Map<String, Map<String, Integer>> numbers = new HashMap<>();
    private Mac mac;

    RedactionContext(RedactionStyle style) {
        this.style = style;
    }

    @Override
    public String apply(String text, List<Finding> findings) {
        return redact(text, findings).text();
    }

    /**
     * Redacts {@code text}.
     *
     * @param findings spans in code points within {@code text}; may overlap and be in any order
     * @throws IllegalArgumentException when a finding lies outside the text
     */
    public Redacted redact(String text, List<Finding> findings) {
        if (findings.isEmpty()) return new Redacted(text, List.of());
        int cpLength = text.codePointCount(0, text.length());
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingInt(Finding::start).thenComparing(Comparator.comparingInt(Finding::end).reversed()));
        StringBuilder out = new StringBuilder(text.length());
        List<Replacement> reps = new ArrayList<>();
        int cpPos = 0;
        int charPos = 0;
        int outCp = 0;
        int k = 0;
        while (k < sorted.size()) {
            Finding first = sorted.get(k);
            if (first.end() > cpLength) {
                throw new IllegalArgumentException("finding " + first.detector() + " [" + first.start() + ", "
                        + first.end() + ") is outside the text of " + cpLength + " code points");
            }
            int start = first.start();
            int end = first.end();
            k++;
            while (k < sorted.size() && sorted.get(k).start() < end) {
                end = Math.max(end, sorted.get(k).end());
                if (end > cpLength) throw new IllegalArgumentException("finding outside the text");
                k++;
            }
            if (start < cpPos) continue; // empty span at an already merged position
            int a = text.offsetByCodePoints(charPos, start - cpPos);
            out.append(text, charPos, a);
            outCp += start - cpPos;
            int b = text.offsetByCodePoints(a, end - start);
            String replacement = replacement(first.detector(), text.substring(a, b), end - start);
            out.append(replacement);
            int repCp = replacement.codePointCount(0, replacement.length());
            reps.add(new Replacement(start, end, outCp, outCp + repCp, first.detector()));
            outCp += repCp;
            cpPos = end;
            charPos = b;
        }
        out.append(text, charPos, text.length());
        return new Redacted(out.toString(), reps);
    }

    private String replacement(String detector, String value, int cps) {
        return switch (style) {
            case RedactionStyle.Mask m -> m.keepLength() ? String.valueOf(m.maskChar()).repeat(cps) : m.fixed();
            case RedactionStyle.Placeholder p -> {
                String type = type(detector);
                Map<String, Integer> seen = numbers.computeIfAbsent(type, t -> new HashMap<>());
                Integer n = seen.get(value);
                if (n == null) {
                    n = seen.size() + 1;
                    seen.put(value, n);
                }
                yield "<" + type + "_" + n + ">";
            }
            case RedactionStyle.KeyedHash h -> "<" + type(detector) + ":" + hash(h, value) + ">";
        };
    }

    private String hash(RedactionStyle.KeyedHash h, String value) {
        try {
            if (mac == null) {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(h.key(), "HmacSHA256"));
            }
            byte[] d = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, h.hexChars() / 2);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
    }

    /** {@code pii.email} → {@code EMAIL}, {@code secret.openai_api_key} → {@code OPENAI_API_KEY}. */
    static String type(String detector) {
        int dot = detector.lastIndexOf('.');
        return detector.substring(dot + 1).toUpperCase(Locale.ROOT);
    }
}

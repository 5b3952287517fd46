package io.llmpolicy.eval;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.BitSet;

/**
 * Strict JSON recognition for {@link IsJson}, {@link MatchesJsonSchema} and {@link ContainsJson}.
 *
 * <p>Design note for {@link #findContainer}: "the text contains a JSON object or array" holds exactly when some
 * substring starting at a {@code {} or {@code [} parses as one. A naive search re-parses from every bracket and is
 * quadratic on input like {@code [[[[...}. Two facts keep the search linear on such input. (1) The first
 * container that <em>closes</em> while parsing from a bracket is itself a complete, valid container, so an attempt
 * stops at the first closing token. (2) When an attempt fails at offset {@code j} before anything closed, every
 * structural bracket it opened on the way is still open at {@code j}, and parsing from that bracket fails at
 * {@code j} too (the innermost open container and its state are the same), so those brackets are skipped. Brackets
 * inside string literals are not structural and are still tried. A work budget bounds the adversarial remainder
 * (brackets nested inside strings inside would-be JSON): past it the search reports that it gave up.
 */
final class JsonText {

    /** Shared and thread-safe; default features reject comments, single quotes, NaN and trailing commas. */
    private static final JsonFactory FACTORY = new JsonFactory();

    /** A container found at {@code [start, end)}, or a miss; {@code gaveUp} when the work budget ran out. */
    record Span(int start, int end, boolean gaveUp) {
        static final Span NONE = new Span(-1, -1, false);
        static final Span GAVE_UP = new Span(-1, -1, true);

        boolean found() {
            return start >= 0;
        }
    }

    private JsonText() {
    }

    /**
     * Null when {@code text} (JSON whitespace around it allowed) is exactly one JSON value (RFC 8259, any value
     * type); otherwise why not.
     */
    static String strictParseError(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) return "output is empty, not JSON";
            p.skipChildren();
            if (p.nextToken() != null) {
                return "unexpected content after the JSON value at char offset "
                        + p.currentTokenLocation().getCharOffset();
            }
            return null;
        } catch (JacksonException e) {
            return "not JSON: " + e.getOriginalMessage() + " at char offset " + e.getLocation().getCharOffset();
        } catch (IOException e) {
            return "not JSON: " + e.getMessage();
        }
    }

    /** The first JSON object or array (by closing position) inside {@code text}; see the class note. */
    static Span findContainer(String text) {
        char[] buf = text.toCharArray();
        BitSet failed = new BitSet(buf.length);
        long budget = 16L * buf.length + 4096;
        int[] opens = new int[16];
        for (int i = 0; i < buf.length; i++) {
            char c = buf[i];
            if ((c != '{' && c != '[') || failed.get(i)) continue;
            int depth = 0;
            int openCount = 0;
            long reached = 0;
            JsonParser p = null;
            try {
                p = FACTORY.createParser(buf, i, buf.length - i);
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                        if (openCount == opens.length) opens = java.util.Arrays.copyOf(opens, openCount * 2);
                        opens[openCount++] = i + (int) p.currentTokenLocation().getCharOffset();
                        depth++;
                    } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                        int start = opens[depth - 1];
                        return new Span(start, i + (int) p.currentLocation().getCharOffset(), false);
                    }
                }
                reached = buf.length - i;
            } catch (JacksonException e) {
                reached = Math.max(1, e.getLocation() == null ? 1 : e.getLocation().getCharOffset());
            } catch (IOException e) {
                reached = 1;
            } finally {
                closeQuietly(p);
            }
            for (int k = 0; k < openCount; k++) failed.set(opens[k]);
            budget -= reached;
            if (budget < 0) return Span.GAVE_UP;
        }
        return Span.NONE;
    }

    private static void closeQuietly(JsonParser p) {
        if (p == null) return;
        try {
            p.close();
        } catch (IOException ignored) {
            // closing a parser over a char[] cannot fail in a way that matters here
        }
    }
}

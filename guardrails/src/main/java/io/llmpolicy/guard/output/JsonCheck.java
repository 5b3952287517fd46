package io.llmpolicy.guard.output;

import io.llmpolicy.guard.Finding;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON validity of an output: exactly one JSON value (RFC 8259, as parsed by Jackson with default settings:
 * no comments, no trailing commas, no single quotes), optionally surrounded by whitespace. An invalid text yields
 * one {@link Finding#JSON} finding from the error position to the end of the text; the label gives line and column,
 * never the offending text.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonCheck {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonCheck() {}

    /** Empty when {@code text} is one valid JSON value. */
    public static Optional<Finding> check(String text) {
        int length = text.codePointCount(0, text.length());
        try (JsonParser p = MAPPER.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) return Optional.of(new Finding(Finding.JSON, 0, length, "empty output, expected JSON"));
            p.skipChildren();
            if (p.nextToken() != null) {
                return Optional.of(finding(text, p.currentTokenLocation(), length, "unexpected content after the JSON value"));
            }
            return Optional.empty();
        } catch (JacksonException e) {
            return Optional.of(finding(text, e.getLocation(), length, "invalid JSON"));
        }
    }

    private static Finding finding(String text, TokenStreamLocation at, int length, String what) {
        long charOffset = at == null ? -1 : at.getCharOffset();
        int start = charOffset < 0 || charOffset > text.length() ? 0
                : text.codePointCount(0, (int) charOffset);
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new Finding(Finding.JSON, Math.min(start, length), length, what + where);
    }
}

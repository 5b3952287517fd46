package io.llmpolicy.eval;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The linear search agrees with the obvious quadratic one: try every substring that starts with a bracket. */
class ContainsJsonProperties {

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.strings().withChars('{', '}', '[', ']', '"', ':', ',', '1', 'a', ' ', '\\')
                .ofMinLength(0).ofMaxLength(14);
    }

    private static boolean naive(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '{' && c != '[') continue;
            for (int j = i + 2; j <= text.length(); j++) {
                if (JsonText.strictParseError(text.substring(i, j)) == null) return true;
            }
        }
        return false;
    }

    @Property(tries = 2000)
    void findContainer_agreesWithExhaustiveSearch(@ForAll("jsonish") String text) {
        JsonText.Span span = JsonText.findContainer(text);
        assertThat(span.gaveUp()).isFalse();
        assertThat(span.found()).as(text).isEqualTo(naive(text));
        if (span.found()) {
            assertThat(JsonText.strictParseError(text.substring(span.start(), span.end()))).isNull();
        }
    }
}

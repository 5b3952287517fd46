package io.llmpolicy.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainsJsonTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            'x {"a": 1} y'                 | 2  | 10
            '{"a": [1, 2]}'                | 6  | 12
            'see [1] and {"k": "v"}'       | 4  | 7
            '{"s": "[1]"'                  | 7  | 10
            '[[[[ 1, ] ] ] ] [2]'          | 16 | 19
            """)
    void findContainer_reportsTheFirstContainerToClose(String text, int start, int end) {
        JsonText.Span span = JsonText.findContainer(text);
        assertThat(span.found()).isTrue();
        assertThat(text.substring(span.start(), span.end())).isEqualTo(text.substring(start, end));
        assertThat(JsonText.strictParseError(text.substring(span.start(), span.end()))).isNull();
    }

    @Test
    void deeplyNestedOpenBrackets_areRejectedWithoutExhaustingTheBudget() {
        // without skipping the brackets an attempt already passed through, this would be quadratic and give up
        JsonText.Span span = JsonText.findContainer("[".repeat(200_000));
        assertThat(span.found()).isFalse();
        assertThat(span.gaveUp()).isFalse();
    }

    @Test
    void deepNesting_beyondParserDepthLimit_stillFindsTheInnerArray() {
        String text = "[".repeat(3000) + "1" + "]".repeat(3000);
        JsonText.Span span = JsonText.findContainer(text);
        assertThat(span.found()).isTrue();
        assertThat(text.substring(span.start(), span.end())).isEqualTo("[1]");
    }

    @Test
    void bracketInsideString_isStillTriedAsAStart() {
        // the attempt from the first brace fails at the end; the bracket inside the string starts a valid array
        JsonText.Span span = JsonText.findContainer("{\"a\": \"[true]\" oops");
        assertThat(span.found()).isTrue();
    }
}

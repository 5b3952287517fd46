package io.llmpolicy.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ValueTypeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "string|string", "number|number", "bool|bool", "tokens|tokens", "money|money", "duration|duration",
            "list|list<string>", "list<number>|list<number>", " list<list<bool>> |list<list<bool>>"})
    void parse_knownTypes_roundTripThroughToString(String text, String printed) {
        assertThat(ValueType.parse(text)).hasToString(printed);
    }

    @Test
    void parse_unknownType_namesTheAcceptedOnes() {
        assertThatThrownBy(() -> ValueType.parse("int"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown value type 'int'").hasMessageContaining("list<T>");
    }

    @Test
    void coerce_canonicalisesNumbersAndTokens() {
        assertThat(ValueType.NUMBER.coerce(3)).isEqualTo(3.0d);
        assertThat(ValueType.TOKENS.coerce(7)).isEqualTo(7L);
        assertThat(ValueType.MONEY.coerce(new BigDecimal("2.50"))).isEqualTo(new BigDecimal("2.50"));
        assertThat(ValueType.DURATION.coerce(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(ValueType.list(ValueType.TOKENS).coerce(List.of(1, 2L))).isEqualTo(List.of(1L, 2L));
    }

    @Test
    void coerce_wrongType_saysWhatWasExpectedAndFound() {
        assertThatThrownBy(() -> ValueType.BOOL.coerce("yes"))
                .hasMessage("expected bool but got String yes");
        assertThatThrownBy(() -> ValueType.TOKENS.coerce(1.5d))
                .hasMessage("expected tokens but got Double 1.5");
        assertThatThrownBy(() -> ValueType.list(ValueType.STRING).coerce(List.of("a", 1)))
                .hasMessage("expected string but got Integer 1");
        assertThatThrownBy(() -> ValueType.STRING.coerce(null)).hasMessage("expected string but got null");
    }

    @Test
    void signature_parse_readsNameParametersAndResult() {
        FunctionSignature s = FunctionSignature.parse("acme.overlap(list<string>, string) -> number", "doc");
        assertThat(s.name()).isEqualTo("acme.overlap");
        assertThat(s.parameters()).containsExactly(ValueType.list(ValueType.STRING), ValueType.STRING);
        assertThat(s.returns()).isEqualTo(ValueType.NUMBER);
        assertThat(s).hasToString("acme.overlap(list<string>, string) -> number");
        assertThat(FunctionSignature.parse("now_ok() -> bool", "").parameters()).isEmpty();
    }

    @Test
    void signature_badName_isRejected() {
        assertThatThrownBy(() -> FunctionSignature.parse("Bad-Name(string) -> bool", ""))
                .hasMessageContaining("function name 'Bad-Name'");
        assertThatThrownBy(() -> FunctionSignature.parse("f(string)", ""))
                .hasMessageContaining("expected 'name(type, ...) -> type'");
    }
}

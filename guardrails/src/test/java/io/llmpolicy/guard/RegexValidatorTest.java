package io.llmpolicy.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegexValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"TCK-[0-9]{6}", "(?i)confidential", "\\bfoo\\b", "[\\(\\)]+", "a|b",
        "\\Q(?=\\E", "[(?=]x", "^\\d{3}-\\d{2}$", "(?P<name>abc)", "\\p{L}+", "\\pL{2}", "a{2}b+"})
    void validate_linearTimePattern_hasNoProblem(String pattern) {
        assertThat(RegexValidator.validate(pattern)).as(pattern).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {2} at {1}")
    @CsvSource(delimiterString = " ;; ", value = {
        "x\\1? ;; 1 ;; backreference",
        "(a)\\1 ;; 3 ;; backreference",
        "(?<x>a)\\k<x> ;; 7 ;; named backreference",
        "foo(?=bar) ;; 3 ;; lookahead",
        "foo(?!bar) ;; 3 ;; negative lookahead",
        "(?<=foo)bar ;; 0 ;; lookbehind",
        "(?<!foo)bar ;; 0 ;; negative lookbehind",
        "(?>ab|a)c ;; 0 ;; atomic group",
        "a*+b ;; 2 ;; possessive",
        "a++ ;; 2 ;; possessive",
        "x{2}+ ;; 4 ;; possessive",
        "(?(1)a|b) ;; 0 ;; conditional",
        "(a(?R)?b) ;; 2 ;; recursion",
        "[a- ;; 0 ;; invalid regex",
        "a{2,1} ;; 0 ;; invalid regex",
        "a* ;; 0 ;; empty string",
        "(x)? ;; 0 ;; empty string",
        "abc\\ ;; 3 ;; lone backslash"})
    void validate_patternNeedingBacktrackingOrInvalid_reportsMessageAndOffset(String pattern, int offset, String message) {
        Optional<Problem> p = RegexValidator.validate(pattern);
        assertThat(p).as(pattern).isPresent();
        assertThat(p.get().message()).containsIgnoringCase(message);
        if (!message.equals("invalid regex")) assertThat(p.get().offset()).isEqualTo(offset);
        assertThat(p.get().offset()).isBetween(0, pattern.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "(a)\\1"})
    void builder_rejectsBadRegexWithTheProblem(String pattern) {
        assertThatThrownBy(() -> GuardrailSet.builder().regex("r", pattern))
                .isInstanceOf(GuardrailConfigException.class)
                .satisfies(e -> assertThat(((GuardrailConfigException) e).subject()).isEqualTo("regex \"r\""))
                .hasMessageContaining("regex \"r\"");
    }
}

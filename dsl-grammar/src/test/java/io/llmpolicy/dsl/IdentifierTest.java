package io.llmpolicy.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmpolicy.dsl.parse.PolicyParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierTest {
    @ParameterizedTest
    @ValueSource(strings = {"gpt_4o", "a", "_x", "team2", "scriptx"})
    void identifiers(String s) {
        assertThat(PolicyParser.isIdentifier(s)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"script", "scripts", "route", "token", "tokens", "and", "true", "null", "matches",
            "4o", "a b", "a-b", "", "a.b", "\"a\""})
    void notIdentifiers(String s) {
        assertThat(PolicyParser.isIdentifier(s)).isFalse();
    }
}

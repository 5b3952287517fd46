package io.llmpolicy.guard.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmpolicy.guard.Finding;
import io.llmpolicy.guard.GuardrailConfigException;
import io.llmpolicy.guard.TokenCounter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputChecksTest {
    private static final String SCHEMA = """
            {"type":"object","required":["name","age"],
             "properties":{"name":{"type":"string"},"age":{"type":"integer","minimum":0}},
             "additionalProperties":false}""";

    @ParameterizedTest
    @ValueSource(strings = {"{}", " [1, 2, {\"a\": null}] ", "\"text\"", "42", "true"})
    void json_validValue_hasNoFinding(String text) {
        assertThat(JsonCheck.check(text)).isEmpty();
    }

    @Test
    void json_invalid_pointsAtTheErrorWithoutQuotingIt() {
        Optional<Finding> f = JsonCheck.check("{\"a\": 1, \"secret\": sk-abc}");
        assertThat(f).isPresent();
        assertThat(f.get().detector()).isEqualTo(Finding.JSON);
        assertThat(f.get().start()).isBetween(17, 20);
        assertThat(f.get().end()).isEqualTo(26);
        assertThat(f.get().label()).contains("line 1").doesNotContain("sk-abc");
        assertThat(JsonCheck.check("{} {}")).get().extracting(Finding::label).asString().contains("after the JSON value");
        assertThat(JsonCheck.check("   ")).get().extracting(Finding::label).asString().contains("empty");
        assertThat(JsonCheck.check("{\"a\": [1, 2,]}")).isPresent();
    }

    @Test
    void jsonSchema_reportsEachViolationByLocationAndKeyword() {
        JsonSchemaCheck check = JsonSchemaCheck.compile(SCHEMA);
        assertThat(check.check("{\"name\": \"Ann\", \"age\": 3}")).isEmpty();
        List<Finding> fs = check.check("{\"name\": \"Ann\", \"age\": -4, \"ssn\": \"123-45-6789\"}");
        assertThat(fs).extracting(Finding::detector).containsOnly(Finding.JSON_SCHEMA);
        assertThat(fs).extracting(Finding::label).anySatisfy(l -> assertThat(l).contains("age").contains("minimum"));
        assertThat(fs).extracting(Finding::label).anySatisfy(l -> assertThat(l).contains("additionalProperties"));
        assertThat(fs).extracting(Finding::label).allSatisfy(l -> assertThat(l).doesNotContain("123-45"));
        assertThat(check.check("not json")).extracting(Finding::detector).containsExactly(Finding.JSON);
    }

    @Test
    void jsonSchema_badSchemas_areConfigErrors_andRemoteRefsAreNotFetched() {
        assertThatThrownBy(() -> JsonSchemaCheck.compile("{not json")).isInstanceOf(GuardrailConfigException.class)
                .hasMessageContaining("not valid JSON");
        // nothing listens on loopback port 1: a fetch attempt would fail with a connection error, not this one
        assertThatThrownBy(() -> JsonSchemaCheck.compile("{\"$ref\": \"http://127.0.0.1:1/never.json\"}"))
                .isInstanceOf(GuardrailConfigException.class)
                .hasMessageContaining("FileNotFoundException")
                .hasMessageNotContaining("Connect");
    }

    @Test
    void tokenLimit_flagsTheWholeTextWhenOverTheLimit() {
        TokenLimit limit = new TokenLimit(3, TokenCounter.estimate());
        assertThat(limit.check("twelve chars")).isEmpty();
        assertThat(limit.check("thirteen char")).get().satisfies(f -> {
            assertThat(f.detector()).isEqualTo(Finding.SIZE);
            assertThat(f.start()).isZero();
            assertThat(f.end()).isEqualTo(13);
            assertThat(f.label()).isEqualTo("more than 3 tokens");
        });
        TokenLimit exact = new TokenLimit(1, text -> text.toString().split(" ").length);
        assertThat(exact.check("one two")).isPresent();
        assertThatThrownBy(() -> new TokenLimit(-1, TokenCounter.estimate())).isInstanceOf(IllegalArgumentException.class);
    }
}

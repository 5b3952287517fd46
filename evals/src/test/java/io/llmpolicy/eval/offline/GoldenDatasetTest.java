package io.llmpolicy.eval.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GoldenDatasetTest {

    private static GoldenDataset read(String jsonl) {
        return GoldenDataset.read("test.jsonl", new StringReader(jsonl));
    }

    @Test
    void read_fullRecord_mapsEveryField() {
        GoldenDataset d = read("""
                {"id":"r1","model":"gpt-4o","messages":[{"role":"system","content":"Be brief."},\
                {"role":"user","content":"first"},{"role":"assistant","content":"ok"},\
                {"role":"user","content":[{"type":"text","text":"second "},{"type":"text","text":"question"}]}],\
                "response":{"content":"answer","latency_ms":812,"cost_usd":"0.0001234","usage":{"prompt_tokens":20,"completion_tokens":9,"note":"x"}},\
                "expected":"answer"}

                """);
        assertThat(d.size()).isEqualTo(1);
        GoldenRecord r = d.records().get(0);
        assertThat(r.id()).isEqualTo("r1");
        assertThat(r.line()).isEqualTo(1);
        assertThat(r.model()).isEqualTo("gpt-4o");
        assertThat(r.messages()).hasSize(4);
        assertThat(r.input()).isEqualTo("second question");
        assertThat(r.output()).isEqualTo("answer");
        assertThat(r.expected()).isEqualTo("answer");
        assertThat(r.latencyMs()).isEqualTo(812);
        assertThat(r.costNanoUsd()).isEqualTo(123_400);
        assertThat(r.usage()).isEqualTo(Map.of("prompt_tokens", 20L, "completion_tokens", 9L));
        assertThat(r.toEvalInput(5).attachment()).isSameAs(r);
        assertThat(r.toEvalInput(5).costNanoUsd()).isEqualTo(5);
    }

    @Test
    void read_minimalRecord_leavesOptionalFieldsAbsent() {
        GoldenRecord r = read("{\"id\":\"a\",\"response\":{\"content\":\"x\"}}").records().get(0);
        assertThat(r.expected()).isNull();
        assertThat(r.input()).isNull();
        assertThat(r.latencyMs()).isEqualTo(-1);
        assertThat(r.costNanoUsd()).isEqualTo(-1);
        assertThat(r.messages()).isEqualTo(List.of());
    }

    @Test
    void read_nonStringExpected_usesItsJsonText() {
        GoldenRecord r = read("{\"id\":\"a\",\"response\":{\"content\":\"{}\"},\"expected\":{\"k\": [1, 2]}}")
                .records().get(0);
        assertThat(r.expected()).isEqualTo("{\"k\":[1,2]}");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            not json                                                          | line 2: not JSON
            []                                                                | line 2: expected a JSON object
            {"response":{"content":"x"}}                                      | line 2: missing "id"
            {"id":"b"}                                                        | line 2: missing "response" object
            {"id":"b","response":{}}                                          | line 2: missing "response.content"
            {"id":"b","response":{"content":5}}                               | must be a string or an array of parts
            {"id":"b","response":{"content":"x","latency_ms":-3}}             | "response.latency_ms" must be a non-negative integer
            {"id":"b","response":{"content":"x","cost_usd":"cheap"}}          | "response.cost_usd" must be a non-negative decimal
            {"id":"a","response":{"content":"x"}}                             | line 2: duplicate id "a"
            {"id":"b","messages":{},"response":{"content":"x"}}               | "messages" must be an array
            """)
    void read_badLine_failsWithLineNumberAndReason(String badLine, String message) {
        String jsonl = "{\"id\":\"a\",\"response\":{\"content\":\"x\"}}\n" + badLine + "\n";
        assertThatThrownBy(() -> read(jsonl)).isInstanceOf(DatasetException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((DatasetException) e).line()).isEqualTo(2));
    }
}

package io.llmpolicy.trace.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceQueryTest {

    @TempDir
    Path dir;

    @BeforeEach
    void write() {
        QueryFixtures.write(dir);
    }

    private List<String> ids(TraceQuery query) throws Exception {
        StringBuilder out = new StringBuilder();
        query.run(dir, QueryFormat.JSONL, out);
        List<String> ids = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String line : out.toString().split("\n")) {
            if (!line.isEmpty()) {
                ids.add(mapper.readTree(line).get(TraceFields.REQUEST_ID).asText());
            }
        }
        return ids;
    }

    @ParameterizedTest(name = "--where {0}")
    @CsvSource(delimiter = '|', value = {
            "team=payments                                  | a0,a1,a5",
            "llmpolicy.metadata.team=search                 | a2,a3",
            "user=bob                                       | a1,a4",
            "gen_ai.request.model=claude-haiku              | a2,a3",
            "gen_ai.response.model=gpt-4o                   | a0,a1,a5",
            "gen_ai.provider.name=anthropic                 | a2,a3",
            "llmpolicy.action=deny                          | a1",
            "error.type=timeout                             | a3",
            "llmpolicy.findings.detector=pii.email          | a1",
            "llmpolicy.findings.phase=input                 | a1",
            "llmpolicy.rules_fired=guard.pii                | a1",
            "llmpolicy.attempts.error.type=timeout          | a3",
            "llmpolicy.evals.gen_ai.evaluation.name=relevance | a2",
            "tags=eu                                        | a2",
            "llmpolicy.prompt.mode=full                     | a2",
            "llmpolicy.prompt.mode=none                     | a0,a1,a3,a4,a5",
            "gen_ai.usage.input_tokens=300                  | a2",
            "llmpolicy.cost.nano_usd=3                      | a4",
            "llmpolicy.sequence=5                           | a5",
            "action=deny                                    | a1",
            "findings.detector=pii.email                    | a1",
            "rules_fired=guard.pii                          | a1",
            "sequence=5                                     | a5",
            "metadata.team=search                           | a2,a3",
            "team=nobody                                    | ''"})
    void where_singleCondition_matchesExpectedRecords(String where, String expected) throws Exception {
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(","));
        assertThat(ids(TraceQuery.builder().where(where).build())).containsExactlyElementsOf(want);
    }

    @Test
    void where_severalConditions_areAnded() throws Exception {
        assertThat(ids(TraceQuery.builder().where("team=payments").where("user=alice").build()))
                .containsExactly("a0", "a5");
    }

    @Test
    void sinceUntil_inclusiveExclusiveOnStartTime() throws Exception {
        Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
        assertThat(ids(TraceQuery.builder().since(t0.plusSeconds(3600)).until(t0.plusSeconds(25 * 3600)).build()))
                .containsExactly("a1", "a2");
        assertThat(ids(TraceQuery.builder().since(Instant.parse("2026-11-28T00:00:00Z")).build()))
                .containsExactly("a3", "a4", "a5");
        assertThat(ids(TraceQuery.builder().since(t0.plusSeconds(26 * 3600)).where("user=bob").build()))
                .containsExactly("a4");
    }

    @Test
    void jsonl_keysAreTheSchemaFieldNames_andValuesAreTyped() throws Exception {
        StringBuilder out = new StringBuilder();
        long n = TraceQuery.builder().where("llmpolicy.action=deny").build().run(dir, QueryFormat.JSONL, out);
        assertThat(n).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        assertThat(keys).containsExactlyElementsOf(TraceFields.names());
        assertThat(json.get(TraceFields.COST).isIntegralNumber()).isTrue();
        assertThat(json.get(TraceFields.START_TIME).asLong()).isEqualTo(QueryFixtures.T0 + QueryFixtures.HOUR);
        assertThat(json.get(TraceFields.FINDINGS).get(0).get("detector").asText()).isEqualTo("pii.email");
        assertThat(json.get(TraceFields.FINDINGS).get(0).has("value")).isFalse();
        assertThat(json.get(TraceFields.METADATA).get("team").asText()).isEqualTo("payments");
        assertThat(json.get(TraceFields.PROMPT).get("mode").asText()).isEqualTo("none");
        assertThat(json.get(TraceFields.CHAIN_HASH).asText()).hasSize(64);
    }

    @Test
    void csv_headerIsSchemaFieldNames_andCellsAreQuoted() throws Exception {
        StringBuilder out = new StringBuilder();
        TraceQuery.builder().where("llmpolicy.prompt.mode=full").build().run(dir, QueryFormat.CSV, out);
        String[] lines = out.toString().split("\r\n", 2);
        assertThat(lines[0]).isEqualTo(String.join(",", TraceFields.names()));
        assertThat(lines[1]).contains("a2,").contains("\"{\"\"mode\"\":\"\"full\"\",\"\"value\"\":\"\"hello, \\\"\"world\\\"\"\\nbye\"\"}\"");
    }

    @Test
    void table_showsOneAlignedLinePerRecord() throws Exception {
        StringBuilder out = new StringBuilder();
        long n = TraceQuery.builder().where("team=search").build().run(dir, QueryFormat.TABLE, out);
        List<String> lines = out.toString().lines().toList();
        assertThat(n).isEqualTo(2);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("TIME").contains("ACTION", "COST_USD", "REQUEST_ID");
        assertThat(lines.get(1)).startsWith("2026-11-27T12:00:00.000Z").contains("claude-haiku", "search", "alice",
                "0.0025", "200.000", "a2");
        assertThat(lines.get(1).indexOf("a2")).isEqualTo(lines.get(0).indexOf("REQUEST_ID"));
    }

    @Test
    void where_unknownSchemaField_suggestsTheClosestNames() {
        assertThatThrownBy(() -> TraceQuery.builder().where("gen_ai.request.modle=x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown field 'gen_ai.request.modle'")
                .hasMessageContaining("did you mean gen_ai.request.model");
        assertThatThrownBy(() -> TraceQuery.builder().where("team"))
                .hasMessageContaining("FIELD=VALUE");
    }

    @ParameterizedTest
    @CsvSource({
            "2026-11-27T10:00:00Z, 2026-11-27T10:00:00Z",
            "2026-11-27T10:00:00,  2026-11-27T10:00:00Z",
            "2026-11-27,           2026-11-27T00:00:00Z",
            "15m,                  2026-11-27T11:45:00Z",
            "2h,                   2026-11-27T10:00:00Z",
            "1d,                   2026-11-26T12:00:00Z",
            "30s,                  2026-11-27T11:59:30Z"})
    void parseTime_acceptedForms(String text, String expected) {
        assertThat(TraceQuery.parseTime(text, Instant.parse("2026-11-27T12:00:00Z"))).isEqualTo(Instant.parse(expected));
    }

    @Test
    void parseTime_garbage_namesTheAcceptedForms() {
        assertThatThrownBy(() -> TraceQuery.parseTime("yesterday", Instant.EPOCH))
                .hasMessageContaining("'yesterday'").hasMessageContaining("7d");
    }

    @Test
    void where_metadataStoredAsRequestAttribute_isFoundByItsShortName(@TempDir Path other) throws Exception {
        try (io.llmpolicy.trace.TraceWriter w = io.llmpolicy.trace.TraceWriter.open(
                io.llmpolicy.trace.TraceConfig.builder(other).build())) {
            w.append(io.llmpolicy.trace.TraceRecord.builder().recordId("x").requestId("x")
                    .metadata("request.team", "payments").build());
        }
        StringBuilder out = new StringBuilder();
        assertThat(TraceQuery.builder().where("team=payments").build().run(other, QueryFormat.JSONL, out)).isEqualTo(1);
        assertThat(TraceReport.build(other, TraceReport.GroupBy.TEAM, TraceQuery.ALL).rows())
                .extracting(TraceReport.Row::group).containsExactly("payments");
    }
}

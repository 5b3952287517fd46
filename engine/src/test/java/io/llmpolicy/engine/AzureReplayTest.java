package io.llmpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmpolicy.engine.replay.AzureTraffic;
import io.llmpolicy.engine.replay.Replay;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replays the Azure conversation trace slice and checks the totals against a computation done here, from the CSV. */
class AzureReplayTest {
    static final Path CONV = Path.of("../examples/data/azure-llm-2023-conv-sample.csv");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void replay_azureConversationTrace_totalsMatchIndependentComputation() throws Exception {
        // Prices chosen so that per-request costs need rounding: $0.0375/M = 37,500 pico-USD per token.
        Path policy = Policies.write(dir, """
                policy "azure" version "1"
                model m = openai "gpt-4o-mini" price in $0.0375/M out $0.6/M
                route r { otherwise -> m }
                """);
        List<String> csv = Files.readAllLines(CONV);
        StringBuilder jsonl = new StringBuilder();
        long expectedNano = 0, expectedInput = 0, expectedOutput = 0;
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSS");
        for (int i = 1; i < csv.size(); i++) {
            String[] c = csv.get(i).split(",");
            long in = Long.parseLong(c[1]), out = Long.parseLong(c[2]);
            String ts = LocalDateTime.parse(c[0], f).toInstant(ZoneOffset.UTC).toString();
            jsonl.append("{\"id\":\"c").append(i).append("\",\"timestamp\":\"").append(ts).append("\",\"input_tokens\":").append(in)
                    .append(",\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"response\":{\"status\":200,\"content\":\"a\",\"latency_ms\":100,")
                    .append("\"usage\":{\"input_tokens\":").append(in).append(",\"output_tokens\":").append(out).append("}}}\n");
            // independent arithmetic: ceil(tokens * pico / 1000) per kind
            expectedNano += ceilDiv(in * 37_500L, 1000) + ceilDiv(out * 600_000L, 1000);
            expectedInput += in;
            expectedOutput += out;
        }
        jsonl.append("{not json}\n");
        PolicyEngine engine = PolicyEngine.builder().policy(policy).build();
        StringWriter out = new StringWriter();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Replay.Summary sum = Replay.run(engine, new BufferedReader(new StringReader(jsonl.toString())), out,
                new PrintStream(err, true, StandardCharsets.UTF_8), null);
        int rows = csv.size() - 1;
        assertThat(sum.requests).isEqualTo(rows);
        assertThat(sum.allowed).isEqualTo(rows);
        assertThat(sum.malformed).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line " + (rows + 1) + ": malformed JSON");
        assertThat(sum.costNanoUsd).isEqualTo(expectedNano);
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(rows);
        BigDecimal total = BigDecimal.ZERO;
        for (String l : lines) total = total.add(JSON.readTree(l).get("cost_usd").decimalValue());
        assertThat(total.compareTo(BigDecimal.valueOf(expectedNano).movePointLeft(9))).isZero();
        JsonNode first = JSON.readTree(lines[0]);
        assertThat(first.get("id").asText()).isEqualTo("c1");
        assertThat(first.get("action").asText()).isEqualTo("allow");
        assertThat(first.get("target").asText()).isEqualTo("m");
        assertThat(first.get("provider").asText()).isEqualTo("openai");
        assertThat(first.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(first.get("rules").get(0).asText()).isEqualTo("r");
        assertThat(first.get("policy").get("name").asText()).isEqualTo("azure");
        assertThat(first.has("fallbacks") && first.has("reasons") && first.has("budget")).isTrue();
        assertThat(expectedInput + expectedOutput).isPositive();
    }

    @Test
    void azureTraffic_assignment_isDeterministic() throws Exception {
        var a = AzureTraffic.requests(AzureTraffic.rows(CONV), "conv");
        var b = AzureTraffic.requests(AzureTraffic.rows(CONV), "conv");
        assertThat(a).hasSize(3000);
        for (int i = 0; i < a.size(); i += 97) {
            assertThat(a.get(i).request().metadata()).isEqualTo(b.get(i).request().metadata());
            assertThat(a.get(i).request().inputTokens()).isEqualTo(b.get(i).request().inputTokens());
        }
        assertThat(a.stream().map(l -> l.request().metadata().get("team")).distinct().count()).isEqualTo(5);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}

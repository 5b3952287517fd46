package io.llmpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmpolicy.eval.offline.GoldenDataset;
import io.llmpolicy.eval.offline.OfflineRunner;
import io.llmpolicy.eval.report.EvalReport;
import io.llmpolicy.plugin.EvalScorer;
import io.llmpolicy.plugin.Score;
import io.llmpolicy.plugin.ScoreInput;
import io.llmpolicy.plugin.host.PluginHost;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin scorers ({@code score x using "id"}) online at complete and offline over a dataset, through the host. */
class ScorerTest {
    @TempDir
    Path dir;
    PluginHost host;

    /** A real extension: scores answers by length, the way a judge plugin would return a value in [0, 1]. */
    public static final class LengthScorer implements EvalScorer {
        @Override public String id() { return "acme.length"; }
        @Override public Score score(ScoreInput input) {
            return new Score(Math.min(1.0, input.output().length() / 20.0), "length", "longer is better");
        }
    }

    @BeforeEach
    void start() {
        host = PluginHost.builder().builtIn("acme-judge", "1.0", new LengthScorer()).start();
    }

    @AfterEach
    void stop() {
        host.close();
    }

    Path policy() {
        return Policies.write(dir, """
                policy "scored" version "1"
                model a = openai "gpt-4o"
                route r { otherwise -> a }
                eval helpful { score length using "acme.length"; assert "long enough": length >= 0.5 }
                """);
    }

    @Test
    void online_scoreComesFromThePlugin() {
        PolicyEngine e = PolicyEngine.builder().policy(policy()).plugins(host).build();
        Outcome longAnswer = e.complete(e.decide(LlmRequest.builder("1").user("q").build()),
                LlmResponse.success("a sufficiently long answer", 5, 5, 10));
        Outcome shortAnswer = e.complete(e.decide(LlmRequest.builder("2").user("q").build()), LlmResponse.success("no", 5, 1, 10));
        assertThat(longAnswer.evals()).singleElement().satisfies(r -> assertThat(r.pass()).isTrue());
        assertThat(shortAnswer.evals()).singleElement().satisfies(r -> assertThat(r.pass()).isFalse());
    }

    @Test
    void offline_scoreComesFromThePlugin() {
        try (OfflineEvals evals = OfflineEvals.of(policy(), host)) {
            GoldenDataset data = GoldenDataset.read("d", new StringReader("""
                    {"id": "1", "messages": [{"role": "user", "content": "q"}], "response": {"content": "a sufficiently long answer"}}
                    {"id": "2", "messages": [{"role": "user", "content": "q"}], "response": {"content": "no"}}
                    """));
            EvalReport report = new OfflineRunner(evals.evals()).run(data);
            assertThat(report.eval("helpful")).hasValueSatisfying(s -> {
                assertThat(s.n()).isEqualTo(2);
                assertThat(s.passed()).isEqualTo(1);
            });
        }
    }
}

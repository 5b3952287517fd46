package io.llmpolicy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AssertionBehaviourTest {

    @Test
    void regex_withBacktrackingConstruct_isRejectedAtConstruction() {
        assertThatThrownBy(() -> new MatchesRegex("(a+)\\1")).isInstanceOf(InvalidAssertionException.class)
                .hasMessageContaining("invalid regex");
        assertThatThrownBy(() -> new MatchesRegex("(?=x)")).isInstanceOf(InvalidAssertionException.class);
    }

    @Test
    void regex_onPathologicalInput_isLinear() {
        // (a+)+b on "aaaa...c" is exponential for a backtracking engine; RE2 answers at once
        AssertionResult r = new MatchesRegex("(a+)+b").evaluate(EvalInput.of("a".repeat(100_000) + "c"));
        assertThat(r.pass()).isFalse();
    }

    @Test
    void jsonSchema_invalidSchema_isRejectedAtConstruction() {
        assertThatThrownBy(() -> new MatchesJsonSchema("{not json")).isInstanceOf(InvalidAssertionException.class)
                .hasMessageContaining("schema");
    }

    @Test
    void jsonSchema_remoteRef_isNeverFetched() throws Exception {
        // a real server on loopback that would serve the referenced schema: it must never see a request
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "{\"type\":\"object\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/schema.json";
            assertThatThrownBy(() -> new MatchesJsonSchema("{\"$ref\":\"" + url + "\"}"))
                    .isInstanceOf(InvalidAssertionException.class).hasMessageContaining("unusable schema");
            assertThat(requests.get()).isZero();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void jsonSchema_explanationNamesTheViolation() {
        AssertionResult r = new MatchesJsonSchema("{\"type\":\"object\",\"required\":[\"id\"]}")
                .evaluate(EvalInput.of("{\"name\":1}"));
        assertThat(r.pass()).isFalse();
        assertThat(r.explanation()).contains("1 schema violation").contains("id");
    }

    @Test
    void thresholds_outsideUnitInterval_areRejected() {
        assertThatThrownBy(() -> BleuCheck.ofExpected(1.5)).isInstanceOf(InvalidAssertionException.class);
        assertThatThrownBy(() -> LevenshteinCheck.minSimilarity(null, -0.1)).isInstanceOf(InvalidAssertionException.class);
        assertThatThrownBy(() -> LevenshteinCheck.maxDistance(null, -1)).isInstanceOf(InvalidAssertionException.class);
        assertThatThrownBy(() -> new RougeCheck(null, 0, null, 0.5)).isInstanceOf(InvalidAssertionException.class);
        assertThatThrownBy(() -> new LatencyAtMost(-5)).isInstanceOf(InvalidAssertionException.class);
    }

    @Test
    void scorer_labelAndExplanation_passThrough() {
        ScorerCheck check = new ScorerCheck("judge.relevance",
                in -> Score.of(0.9, "relevant", "answers the question"), 0.7);
        AssertionResult r = check.evaluate(EvalInput.of("x"));
        assertThat(r.pass()).isTrue();
        assertThat(r.label()).isEqualTo("relevant");
        assertThat(r.explanation()).contains("judge.relevance").contains("answers the question");
    }

    @Test
    void scorer_exception_isWrappedWithTheScorerName() {
        ScorerCheck check = new ScorerCheck("judge", in -> {
            throw new java.io.IOException("connection refused");
        }, 0.5);
        AssertionResult r = check.evaluate(EvalInput.of("x"));
        assertThat(r.pass()).isFalse();
        assertThat(r.explanation()).isEqualTo("scorer judge failed: IOException: connection refused");
    }

    @Test
    void describe_givesStableReadableLabels() {
        assertThat(List.of(new Contains("refund").describe(), new ContainsIgnoreCase("a\"b").describe(),
                LevenshteinCheck.maxDistance(null, 3).describe(), LevenshteinCheck.minSimilarity("x", 0.8).describe(),
                new RougeCheck(null, 2, null, 0.5).describe(), BleuCheck.ofExpected(0.4).describe(),
                new LatencyAtMost(2000).describe(), new CostAtMost(1_500_000).describe(),
                new Not(new Contains("as an AI")).describe()))
                .containsExactly("contains \"refund\"", "icontains \"a\\\"b\"", "levenshtein distance <= 3",
                        "levenshtein \"x\" similarity >= 0.8", "rouge-2 >= 0.5", "bleu >= 0.4", "latency <= 2000ms",
                        "cost <= $0.0015", "not contains \"as an AI\"");
    }

    @Test
    void describe_shortensLongLiterals() {
        String label = new Contains("x".repeat(500)).describe();
        assertThat(label).hasSizeLessThan(80).endsWith("\u2026\"");
    }

    @Test
    void assertionResult_rejectsScoresOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new AssertionResult(true, 1.01, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new AssertionResult(false, Double.NaN, "x").label()).isEqualTo("fail");
    }

    @Test
    void eval_duplicateLabels_getNumberedSuffixes() {
        Eval eval = new Eval("support", 1_000_000, List.of(new Contains("a"), new Contains("a"), new IsJson()));
        assertThat(eval.labels()).containsExactly("contains \"a\"", "contains \"a\" #2", "is-json");
    }

    @Test
    void eval_outcome_requestScoreIsMeanOfDefinedScores() {
        Eval eval = new Eval("e", 1_000_000, List.of(new Contains("a"), new EqualsText(null),
                LevenshteinCheck.maxDistance("abcd", 4)));
        EvalOutcome o = eval.evaluate(EvalInput.of("abc"));
        // contains 1.0, equals undefined (no expected), levenshtein similarity 1 - 1/4
        assertThat(o.passed()).isFalse();
        assertThat(o.meanScore()).isEqualTo((1.0 + 0.75) / 2);
    }

    @Test
    void eval_withoutAssertions_isRejected() {
        assertThatThrownBy(() -> new Eval("e", 1, List.of())).isInstanceOf(InvalidAssertionException.class);
    }
}

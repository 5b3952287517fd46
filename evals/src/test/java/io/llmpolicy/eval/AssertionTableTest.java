package io.llmpolicy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.llmpolicy.eval.metric.RougeN;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every assertion kind with passing and failing cases: assertion, input, expected pass, expected score. */
class AssertionTableTest {

    private static final double NAN = Double.NaN;
    private static final String SCHEMA = """
            {"type":"object","required":["name","age"],
             "properties":{"name":{"type":"string"},"age":{"type":"integer","minimum":0}}}""";

    private static EvalInput out(String output) {
        return EvalInput.of(output);
    }

    private static EvalInput out(String output, String expected) {
        return EvalInput.of(output).withExpected(expected);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // contains: case-sensitive substring
                arguments(new Contains("refund"), out("We will refund you."), true, 1.0),
                arguments(new Contains("refund"), out("We will Refund you."), false, 0.0),
                arguments(new Contains(""), out(""), true, 1.0),
                // icontains: Locale.ROOT lower-casing on both sides
                arguments(new ContainsIgnoreCase("REFUND"), out("We will Refund you."), true, 1.0),
                arguments(new ContainsIgnoreCase("\u00C9T\u00C9"), out("un \u00E9t\u00E9 chaud"), true, 1.0),
                arguments(new ContainsIgnoreCase("refund"), out("We will reimburse you."), false, 0.0),
                // starts-with: exact prefix, whitespace counts
                arguments(new StartsWith("Sure"), out("Sure, here it is"), true, 1.0),
                arguments(new StartsWith("Sure"), out(" Sure, here it is"), false, 0.0),
                arguments(new StartsWith("Sure"), out("sure"), false, 0.0),
                // regex: RE2 find anywhere
                arguments(new MatchesRegex("\\b\\d{3}-\\d{4}\\b"), out("call 555-1234 now"), true, 1.0),
                arguments(new MatchesRegex("(?i)^answer:"), out("ANSWER: 42"), true, 1.0),
                arguments(new MatchesRegex("^answer:"), out("The answer: 42"), false, 0.0),
                // equals: exact, literal or expected
                arguments(new EqualsText("42"), out("42"), true, 1.0),
                arguments(new EqualsText("42"), out("42 "), false, 0.0),
                arguments(new EqualsText(null), out("Paris", "Paris"), true, 1.0),
                arguments(new EqualsText(null), out("paris", "Paris"), false, 0.0),
                arguments(new EqualsText(null), out("Paris"), false, NAN),
                // is-json: exactly one strict JSON value
                arguments(new IsJson(), out(" {\"a\": [1, 2]} \n"), true, 1.0),
                arguments(new IsJson(), out("42"), true, 1.0),
                arguments(new IsJson(), out("{\"a\": 1} trailing"), false, 0.0),
                arguments(new IsJson(), out("{'a': 1}"), false, 0.0),
                arguments(new IsJson(), out("```json\n{\"a\":1}\n```"), false, 0.0),
                arguments(new IsJson(), out(""), false, 0.0),
                // contains-json: an object or array somewhere
                arguments(new ContainsJson(), out("Here:\n```json\n{\"a\": {\"b\": [1]}}\n```"), true, 1.0),
                arguments(new ContainsJson(), out("prefix [1, 2, 3] suffix"), true, 1.0),
                arguments(new ContainsJson(), out("not json {a: 1} nor [1, 2"), false, 0.0),
                arguments(new ContainsJson(), out("no brackets at all"), false, 0.0),
                // json-schema: strict JSON that validates
                arguments(new MatchesJsonSchema(SCHEMA), out("{\"name\":\"Ada\",\"age\":36}"), true, 1.0),
                arguments(new MatchesJsonSchema(SCHEMA), out("{\"name\":\"Ada\",\"age\":-1}"), false, 0.0),
                arguments(new MatchesJsonSchema(SCHEMA), out("{\"name\":\"Ada\"}"), false, 0.0),
                arguments(new MatchesJsonSchema(SCHEMA), out("name: Ada"), false, 0.0),
                // levenshtein: both modes; score is the normalised similarity (kitten/sitting: 1 - 3/7)
                arguments(LevenshteinCheck.maxDistance("sitting", 3), out("kitten"), true, 4.0 / 7),
                arguments(LevenshteinCheck.maxDistance("sitting", 2), out("kitten"), false, 4.0 / 7),
                arguments(LevenshteinCheck.minSimilarity(null, 0.5), out("kitten", "sitting"), true, 4.0 / 7),
                arguments(LevenshteinCheck.minSimilarity(null, 0.6), out("kitten", "sitting"), false, 4.0 / 7),
                arguments(LevenshteinCheck.minSimilarity(null, 0.6), out("kitten"), false, NAN),
                // rouge-n: hand-computed in RougeNTest (ROUGE-2 recall 0.8, F1 8/11)
                arguments(new RougeCheck(null, 2, RougeN.Measure.RECALL, 0.8),
                        out("The cat was found under the bed.", "the cat was under the bed"), true, 0.8),
                arguments(new RougeCheck(null, 2, RougeN.Measure.F1, 0.75),
                        out("The cat was found under the bed.", "the cat was under the bed"), false, 8.0 / 11),
                arguments(new RougeCheck("x", 2, null, 0.5), out("x y"), false, NAN),
                // bleu: hand-computed in BleuTest ((1/240)^(1/4))
                arguments(BleuCheck.ofExpected(0.25), out("the cat sat on the mat", "the cat is on the mat"), true,
                        Math.pow(1.0 / 240, 0.25)),
                arguments(new BleuCheck("the cat is on the mat", 4, 0.3), out("the cat sat on the mat"), false,
                        Math.pow(1.0 / 240, 0.25)),
                arguments(BleuCheck.ofExpected(0.1), out("the cat"), false, NAN),
                // latency and cost: inclusive bounds; unknown fails with an undefined score
                arguments(new LatencyAtMost(2000), out("x").withLatencyMs(2000), true, 1.0),
                arguments(new LatencyAtMost(2000), out("x").withLatencyMs(2001), false, 0.0),
                arguments(new LatencyAtMost(2000), out("x"), false, NAN),
                arguments(new CostAtMost(1_500_000), out("x").withCostNanoUsd(1_500_000), true, 1.0),
                arguments(new CostAtMost(1_500_000), out("x").withCostNanoUsd(1_500_001), false, 0.0),
                arguments(new CostAtMost(1_500_000), out("x"), false, NAN),
                // scorer: plugin value against the threshold
                arguments(new ScorerCheck("len", in -> Score.of(Math.min(1.0, in.output().length() / 10.0)), 0.5),
                        out("0123456789"), true, 1.0),
                arguments(new ScorerCheck("len", in -> Score.of(Math.min(1.0, in.output().length() / 10.0)), 0.5),
                        out("0123"), false, 0.4),
                arguments(new ScorerCheck("boom", in -> {
                    throw new IllegalStateException("judge offline");
                }, 0.5), out("x"), false, NAN),
                arguments(new ScorerCheck("wild", in -> Score.of(7.0), 0.5), out("x"), false, NAN),
                // not: inverts pass and score; an undefined inner result stays a failure
                arguments(new Not(new Contains("as an AI")), out("Here you go."), true, 0.0 + 1.0),
                arguments(new Not(new Contains("as an AI")), out("as an AI model"), false, 0.0),
                arguments(new Not(new EqualsText(null)), out("x"), false, NAN));
    }

    @ParameterizedTest(name = "[{index}] {0} on {1}")
    @MethodSource("cases")
    void evaluate_givesExpectedVerdictAndScore(Assertion assertion, EvalInput input, boolean pass, double score) {
        AssertionResult r = assertion.evaluate(input);
        assertThat(r.pass()).as(r.explanation()).isEqualTo(pass);
        if (Double.isNaN(score)) assertThat(r.score()).as(r.explanation()).isNaN();
        else assertThat(r.score()).as(r.explanation()).isCloseTo(score, within(1e-12));
        assertThat(r.explanation()).isNotBlank();
        assertThat(r.label()).isEqualTo(pass ? "pass" : "fail");
    }
}

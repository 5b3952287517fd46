package io.llmpolicy.eval.report;

import io.llmpolicy.eval.stats.Interval;
import java.util.List;

/**
 * One assertion's results over a dataset.
 *
 * @param assertion  the assertion's label, unique within its eval
 * @param kind       the assertion kind ({@code contains}, {@code bleu}, ...)
 * @param n          records evaluated
 * @param passed     records that passed
 * @param passRate   passed / n (NaN when n = 0)
 * @param passRate95 Wilson 95% interval of the pass rate
 * @param scores     distribution of the defined scores
 * @param failures   the first failing records (at most {@link #MAX_FAILURES}), in dataset order
 */
public record AssertionSummary(String assertion, String kind, long n, long passed, double passRate,
                               Interval passRate95, ScoreSummary scores, List<Failure> failures) {

    public static final int MAX_FAILURES = 10;

    public AssertionSummary {
        failures = List.copyOf(failures);
    }
}

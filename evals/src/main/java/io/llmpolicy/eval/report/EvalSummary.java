package io.llmpolicy.eval.report;

import io.llmpolicy.eval.stats.Interval;
import java.util.List;
import java.util.Optional;

/**
 * One eval's results over a dataset.
 *
 * @param eval       the eval's name
 * @param n          records evaluated
 * @param passed     records on which every assertion passed
 * @param passRate   passed / n
 * @param passRate95 Wilson 95% interval
 * @param assertions one summary per assertion, in the eval's order
 */
public record EvalSummary(String eval, long n, long passed, double passRate, Interval passRate95,
                          List<AssertionSummary> assertions) {

    public EvalSummary {
        assertions = List.copyOf(assertions);
    }

    public Optional<AssertionSummary> assertion(String label) {
        return assertions.stream().filter(a -> a.assertion().equals(label)).findFirst();
    }
}

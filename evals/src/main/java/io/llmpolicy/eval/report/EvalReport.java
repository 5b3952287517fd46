package io.llmpolicy.eval.report;

import java.util.List;
import java.util.Optional;

/**
 * The result of running evals over a golden dataset; serialised by {@link ReportJson} (format
 * {@value ReportJson#FORMAT} version {@value ReportJson#VERSION}) so it can serve as a later run's baseline.
 *
 * @param dataset the dataset's name (its file name)
 * @param records records in the dataset
 * @param evals   one summary per eval, in the order the evals were given
 */
public record EvalReport(String dataset, long records, List<EvalSummary> evals) {

    public EvalReport {
        evals = List.copyOf(evals);
    }

    public Optional<EvalSummary> eval(String name) {
        return evals.stream().filter(e -> e.eval().equals(name)).findFirst();
    }
}

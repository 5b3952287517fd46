package io.llmpolicy.eval.report;

/** One failing record, kept as an example in a report: its id and the assertion's explanation. */
public record Failure(String id, String explanation) {
}

package io.llmpolicy.trace.query;

/** Output formats of {@link TraceQuery#run}. */
public enum QueryFormat {
    /** Aligned columns for a terminal: time, sequence, action, model, team, user, tokens, cost, latency, request. */
    TABLE,
    /** One JSON object per line; keys are the schema's field names ({@link TraceFields#names()}). */
    JSONL,
    /** RFC 4180 CSV with a header of the schema's field names; list and structured fields hold JSON text. */
    CSV
}

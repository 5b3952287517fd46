/**
 * Querying and reporting over a trace directory, as the {@code llmpolicy trace query} and
 * {@code llmpolicy trace report} commands do: {@link io.llmpolicy.trace.query.TraceQuery} (time range and
 * {@code FIELD=VALUE} filters, output as table, JSON lines or CSV), {@link io.llmpolicy.trace.query.TraceReport}
 * (grouped totals and latency percentiles, as text or self-contained HTML with SVG charts), and
 * {@link io.llmpolicy.trace.query.TraceFields} (the schema's field names). Entry points write to a caller-supplied
 * {@link java.lang.Appendable}, so a command line only parses options and calls them.
 */
package io.llmpolicy.trace.query;

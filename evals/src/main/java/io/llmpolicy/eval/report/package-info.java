/**
 * Eval reports: the result of an offline run ({@link io.llmpolicy.eval.report.EvalReport}), its stable JSON form
 * ({@link io.llmpolicy.eval.report.ReportJson}, which also reads a baseline back), comparison with a baseline
 * with significance tests ({@link io.llmpolicy.eval.report.Comparison}), and rendering as text, JSON or
 * self-contained HTML ({@link io.llmpolicy.eval.report.ReportWriter}). All types are immutable and thread-safe.
 */
package io.llmpolicy.eval.report;

package io.llmpolicy.eval.report;

/** A file given as a baseline is not a report this version can read. */
public final class ReportFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReportFormatException(String message) {
        super(message);
    }

    public ReportFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

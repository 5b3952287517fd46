package io.llmpolicy.eval.offline;

/** A golden dataset line could not be used; {@link #line()} is 1-based (0 when the file itself failed). */
public final class DatasetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long line;

    public DatasetException(long line, String message) {
        super((line > 0 ? "line " + line + ": " : "") + message);
        this.line = line;
    }

    public DatasetException(long line, String message, Throwable cause) {
        super((line > 0 ? "line " + line + ": " : "") + message, cause);
        this.line = line;
    }

    public long line() {
        return line;
    }
}

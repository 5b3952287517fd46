package io.llmpolicy.dsl.source;

/**
 * A region of a policy file: code point offsets {@code [start, end)} and the 1-based line and column of both ends
 * ({@code endColumn} is exclusive: the column just past the last character).
 */
public record Span(String file, int start, int end, int line, int column, int endLine, int endColumn) {

    /** A span for things that have no place in a file (built-in definitions). */
    public static final Span NONE = new Span("<builtin>", 0, 0, 1, 1, 1, 1);

    /** The smallest span covering both. */
    public Span to(Span other) {
        if (other == null || !other.file.equals(file)) return this;
        Span first = start <= other.start ? this : other;
        Span last = end >= other.end ? this : other;
        return new Span(file, first.start, last.end, first.line, first.column, last.endLine, last.endColumn);
    }

    /** {@code file:line:column}, as diagnostics print it. */
    public String position() {
        return file + ":" + line + ":" + column;
    }

    @Override
    public String toString() {
        return "@" + line + ":" + column;
    }
}

package io.llmpolicy.dsl.source;

import java.util.Arrays;

/**
 * The text of one policy file and a line index over it. Offsets are in Unicode code points (as ANTLR counts them),
 * lines and columns are 1-based. Immutable and thread-safe.
 */
public final class Source {
    private final String name;
    private final String text;
    private final int[] codePoints;
    private final int[] lineStarts; // code point offset of the first character of each line

    public Source(String name, String text) {
        this.name = name;
        this.text = text;
        this.codePoints = text.codePoints().toArray();
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < codePoints.length; i++) {
            if (codePoints[i] == '\n') {
                if (n == starts.length) starts = Arrays.copyOf(starts, n * 2);
                starts[n++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, n);
    }

    public String name() { return name; }
    public String text() { return text; }
    public int length() { return codePoints.length; }
    public int lineCount() { return lineStarts.length; }

    /** 1-based line of a code point offset. */
    public int lineOf(int offset) {
        int i = Arrays.binarySearch(lineStarts, Math.max(0, Math.min(offset, codePoints.length)));
        return (i >= 0 ? i : -i - 2) + 1;
    }

    /** 1-based column (in code points) of a code point offset. */
    public int columnOf(int offset) {
        int line = lineOf(offset);
        return Math.max(0, Math.min(offset, codePoints.length)) - lineStarts[line - 1] + 1;
    }

    /** The text of a 1-based line, without its line terminator. */
    public String line(int line) {
        if (line < 1 || line > lineStarts.length) return "";
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : codePoints.length;
        if (end > start && codePoints[end - 1] == '\r') end--;
        return new String(codePoints, start, Math.max(0, end - start));
    }

    /** Text between two code point offsets. */
    public String slice(int start, int end) {
        start = Math.max(0, Math.min(start, codePoints.length));
        end = Math.max(start, Math.min(end, codePoints.length));
        return new String(codePoints, start, end - start);
    }

    /** A span over [start, end) code points of this source. */
    public Span span(int start, int end) {
        int endForPosition = Math.max(start, end);
        return new Span(name, start, endForPosition, lineOf(start), columnOf(start), lineOf(endForPosition),
                columnOf(endForPosition));
    }
}

package io.llmpolicy.trace.query;

import java.io.IOException;
import java.io.Writer;

/** Adapts an {@link Appendable} (a PrintStream, a StringBuilder) to the {@link Writer} Jackson wants. */
final class AppendableWriter extends Writer {
    private final Appendable out;

    private AppendableWriter(Appendable out) {
        this.out = out;
    }

    static Writer of(Appendable out) {
        return out instanceof Writer w ? w : new AppendableWriter(out);
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        out.append(java.nio.CharBuffer.wrap(buffer, offset, length));
    }

    @Override
    public void write(String s, int offset, int length) throws IOException {
        out.append(s, offset, offset + length);
    }

    @Override
    public void flush() throws IOException {
        if (out instanceof java.io.Flushable f) {
            f.flush();
        }
    }

    @Override
    public void close() throws IOException {
        flush(); // the caller owns the Appendable: never close it
    }
}

package io.llmpolicy.guard;

/** A reusable window onto a char array, so regexes can run over one line without copying it. Not thread-safe. */
final class CharSlice implements CharSequence {
    private char[] buf;
    private int from;
    private int length;

    CharSlice reset(char[] b, int a, int e) {
        this.buf = b;
        this.from = a;
        this.length = e - a;
        return this;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) throw new IndexOutOfBoundsException(index);
        return buf[from + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new String(buf, from + start, end - start);
    }

    @Override
    public String toString() {
        return new String(buf, from, length);
    }
}

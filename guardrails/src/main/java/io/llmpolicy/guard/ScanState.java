package io.llmpolicy.guard;

import java.util.Arrays;

/**
 * Everything a scan remembers between two characters, plus the text buffer it reads.
 *
 * <p>Concurrency: not thread-safe; one instance per scan in progress (a {@link Findings} sink owns one for whole-text
 * scans, a {@link StreamGuard} owns one per stream). Positions are indices into {@link #buf}; {@link #base} is the
 * stream offset of {@code buf[0]}, so a finding's stream offset is {@code base + index}. A streaming scan discards
 * released text with {@link #compact(int)}, which shifts every stored index.
 */
final class ScanState {
    /**
     * How far past the character being processed a detector may read. Detectors triggered at a digit parse at most
     * this many characters ahead; a stream is scanned only up to {@code end - LOOKAHEAD} until it finishes, so the
     * whole-text scan and the streaming scan see exactly the same characters.
     */
    static final int LOOKAHEAD = 64;
    /** What {@link #at} returns past the lookahead limit: counts as a word character, so no match ends there. */
    static final char BLOCKED = '\uFFFF';

    char[] buf = new char[256];
    int base;
    int end;
    /** Next index the scan loop will process. */
    int pos;
    boolean eof;

    int st;
    int pst;
    int tokStart = -1;
    int tflags;
    int prevK;
    int suppressPii;

    int labelKind;
    int labelEnd;
    int labelTokens;

    int pemState;
    int pemStart;
    int pemLastLong;
    int pemWords;
    int pemFlags;
    int pemBody;

    int lineStart;

    /** Skeleton letters seen so far (injection head/tail adjacency is measured in letters). */
    int lc;
    /** Per template ring of recent head ends (letter counts) and head starts (stream offsets). */
    int[] headEnd = new int[0];
    int[] headStart = new int[0];
    final CharSlice slice = new CharSlice();

    int lastInjection = -1;
    int lastPhrase = -1;

    /** Stream offsets of low surrogates that complete a pair, for code point conversion. */
    int[] lows = new int[0];
    int nLows;

    final int[] counts = new int[128];
    final int[] digits = new int[48];
    final int[] groups = new int[24];
    final int[] groupEnds = new int[24];
    final byte[] bytes = new byte[1024];

    Findings out;

    /** Automaton outputs queued by the split phrase walk: pairs of (char index, row). */
    int[] queued = new int[32];
    int nQueued;

    void queue(int index, int row) {
        if (2 * nQueued + 2 > queued.length) queued = Arrays.copyOf(queued, queued.length * 2);
        queued[2 * nQueued] = index;
        queued[2 * nQueued + 1] = row;
        nQueued++;
    }

    /** The char before index {@code j}; a space at the start of the text. */
    char before(int j) {
        return j > 0 ? buf[j - 1] : ' ';
    }

    /** The char at {@code j}, seen from a detector whose reading limit is {@code lim}. */
    char at(int j, int lim) {
        if (j < lim) return buf[j];
        return lim >= end && eof ? ' ' : BLOCKED;
    }

    /** Reading limit of a detector triggered at {@code i}. */
    int limit(int i) {
        return Math.min(end, i + LOOKAHEAD);
    }

    int emit(String detector, int start, int stop, String label) {
        return out.add(detector, base + start, base + stop, label);
    }

    /** Whether a finding added since index {@code from} of the sink overlaps {@code [a, b)}. */
    boolean overlapsSince(int from, int a, int b) {
        int ga = base + a;
        int gb = base + b;
        for (int k = Math.max(from, 0); k < out.size(); k++) {
            if (out.rawStart(k) < gb && ga < out.rawEnd(k)) return true;
        }
        return false;
    }

    void reset(Findings sink) {
        base = 0;
        end = 0;
        pos = 0;
        eof = false;
        st = 0;
        pst = 0;
        tokStart = -1;
        tflags = 0;
        prevK = CharClass.WS;
        suppressPii = 0;
        labelKind = 0;
        labelEnd = 0;
        labelTokens = 0;
        pemState = 0;
        pemStart = 0;
        pemLastLong = 0;
        pemWords = 0;
        pemFlags = 0;
        pemBody = 0;
        lineStart = 0;
        lastInjection = -1;
        lastPhrase = -1;
        lc = 0;
        nLows = 0;
        out = sink;
    }

    /** Copies a whole text into the buffer (growing it if needed). */
    void load(CharSequence text) {
        int n = text.length();
        ensure(n);
        if (text instanceof String s) {
            s.getChars(0, n, buf, 0);
        } else {
            for (int i = 0; i < n; i++) buf[i] = text.charAt(i);
        }
        end = n;
    }

    /** Appends a chunk of a stream. */
    void append(CharSequence chunk) {
        int n = chunk.length();
        ensure(end + n);
        if (chunk instanceof String s) {
            s.getChars(0, n, buf, end);
        } else {
            for (int i = 0; i < n; i++) buf[end + i] = chunk.charAt(i);
        }
        end += n;
    }

    private void ensure(int n) {
        if (buf.length < n) buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
    }

    void prepareHeads(int n) {
        if (headEnd.length != n) {
            headEnd = new int[n];
            headStart = new int[n];
        }
        Arrays.fill(headEnd, -1);
    }

    /** Remembers a head of the template whose ring starts at {@code at}. */
    void pushHead(int at, int ring, int end, int start) {
        int slot = at;
        for (int k = at; k < at + ring; k++) {
            if (headEnd[k] == end) {
                if (start < headStart[k]) headStart[k] = start;
                return;
            }
            if (headEnd[k] < headEnd[slot]) slot = k;
        }
        headEnd[slot] = end;
        headStart[slot] = start;
    }

    /** Stream offset where a head of the template ending at letter count {@code end} starts, or -1. */
    int headEndingAt(int at, int ring, int end) {
        for (int k = at; k < at + ring; k++) {
            if (headEnd[k] == end) return headStart[k];
        }
        return -1;
    }

    /** Drops {@code buf[0..from)}: every stored index moves down by {@code from}. */
    void compact(int from) {
        if (from <= 0) return;
        System.arraycopy(buf, from, buf, 0, end - from);
        end -= from;
        base += from;
        pos -= from;
        if (tokStart >= 0) tokStart -= from;
        suppressPii = Math.max(0, suppressPii - from);
        labelEnd -= from;
        pemStart -= from;
        pemLastLong -= from;
        lineStart -= from;
    }

    void recordLowSurrogate(int index) {
        int g = base + index;
        if (nLows > 0 && lows[nLows - 1] >= g) return; // seen on an earlier pass over the same text
        if (nLows == lows.length) lows = Arrays.copyOf(lows, Math.max(16, nLows * 2));
        lows[nLows++] = g;
    }

    /** Code point offset of a stream char offset. */
    int codePointOffset(int g) {
        if (nLows == 0) return g;
        int lo = 0;
        int hi = nLows;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (lows[mid] < g) lo = mid + 1; else hi = mid;
        }
        return g - lo;
    }
}

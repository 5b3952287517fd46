package io.llmpolicy.guard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Output guardrails for a streamed response: takes chunks as they arrive and releases text only once it is known to
 * be clean (or redacted).
 *
 * <p>Design note. The guard feeds chunks into the same scan loop as a whole-text scan, but only processes positions
 * that have the detectors' full look-ahead ({@value ScanState#LOOKAHEAD} chars) behind them, so the findings of a
 * stream are exactly those of a scan of the concatenated text, however it is split. Text is released up to
 * {@code end - window}, where the default window is the look-ahead plus the longest span a later finding may reach
 * back ({@link GuardrailSet#streamWindow()}, 256 chars for the built-in set). Two things hold back more: a token
 * that has not ended yet (a key or JWT may still be growing) and an open private key block; both are capped by
 * {@link StreamOptions#maxHold()}. A release never splits a known finding. {@link #finish()} flushes the tail.
 *
 * <p>What a client sees when a finding arrives mid-stream: in REDACT mode, the finding's text is replaced before it
 * is released, the rest flows on; in STOP mode, the clean text before the finding is released and the stream ends
 * ({@link StreamStep#stopped()}); in MONITOR mode, text is released as it comes and findings are reported as they are
 * detected. Every reported finding says whether earlier text had already been released.
 *
 * <p>Concurrency: not thread-safe; one guard per response stream, fed from one thread at a time.
 */
public final class StreamGuard {
    private final ScanPlan plan;
    private final StreamOptions options;
    private final int window;
    private final ScanState s = new ScanState();
    private final Findings found = new Findings();
    /** Per finding: released char count (stream offset) when it was detected. */
    private int[] releasedAtDetection = new int[16];
    private int detected;
    private int reported;
    /** Stream offset up to which text has been released. */
    private int released;
    private boolean stopped;
    private boolean finished;

    StreamGuard(ScanPlan plan, StreamOptions options) {
        this.plan = plan;
        this.options = Objects.requireNonNull(options, "options");
        this.window = options.window() == 0 ? plan.window() : options.window();
        plan.start(s, found);
    }

    /** The hold-back window in chars. */
    public int window() {
        return window;
    }

    /** Whether the stream has been stopped by a finding (STOP mode). */
    public boolean stopped() {
        return stopped;
    }

    /** Every finding detected so far (code point offsets from the start of the stream). */
    public List<Finding> findings() {
        List<Finding> list = new ArrayList<>(found.size());
        for (int k = 0; k < found.size(); k++) list.add(finding(k));
        return List.copyOf(list);
    }

    /** Takes the next chunk; returns the text that may be released now. */
    public StreamStep accept(CharSequence chunk) {
        Objects.requireNonNull(chunk, "chunk");
        if (finished) throw new IllegalStateException("stream already finished");
        if (stopped) return new StreamStep("", List.of(), true);
        s.append(chunk);
        int limit = s.end - ScanState.LOOKAHEAD;
        if (limit > s.pos) plan.run(s, limit);
        noteDetections();
        return release(false);
    }

    /** Marks the end of the stream; releases (or redacts) the held-back tail. */
    public StreamStep finish() {
        if (finished) throw new IllegalStateException("stream already finished");
        finished = true;
        if (stopped) return new StreamStep("", List.of(), true);
        s.eof = true;
        plan.run(s, s.end);
        plan.finish(s);
        noteDetections();
        return release(true);
    }

    private void noteDetections() {
        int n = found.size();
        if (releasedAtDetection.length < n) releasedAtDetection = Arrays.copyOf(releasedAtDetection, n * 2);
        for (int k = detected; k < n; k++) releasedAtDetection[k] = released;
        detected = n;
    }

    private StreamStep release(boolean end) {
        int rel = releasePoint(end);
        List<StreamFinding> out = new ArrayList<>();
        String text;
        switch (options.mode()) {
            case MONITOR -> {
                text = segment(s.end);
                for (int k = reported; k < found.size(); k++) out.add(streamFinding(k));
                reported = found.size();
            }
            case STOP -> {
                int first = firstFinding();
                if (first >= 0) {
                    int stopAt = Math.max(released, Math.min(found.rawStart(first), rel));
                    text = segment(stopAt);
                    out.add(streamFinding(first));
                    stopped = true;
                    reported = found.size();
                } else {
                    text = segment(rel);
                }
            }
            case REDACT -> {
                text = redacted(rel, out);
            }
            default -> throw new IllegalStateException();
        }
        compact();
        return new StreamStep(text, out, stopped);
    }

    /** Stream offset up to which text is known clean (or fully inside known findings). */
    private int releasePoint(boolean end) {
        int base = s.base;
        if (end || options.mode() == StreamOptions.Mode.MONITOR) return base + s.end;
        int rel = Math.min(s.pos, s.end - window);
        if (s.tokStart >= 0) rel = Math.min(rel, s.tokStart);
        if (s.pemState != PemBlocks.NONE) rel = Math.min(rel, s.pemStart);
        if (plan.regexes.length != 0) rel = Math.min(rel, s.lineStart);
        rel = Math.max(rel, Math.min(s.pos, s.end - options.maxHold()));
        int g = Math.max(base + rel, released);
        // never split a known finding: hold back to its start (unless its start was already released); repeat,
        // as moving back may land inside another, overlapping finding
        boolean moved = true;
        while (moved) {
            moved = false;
            for (int k = 0; k < found.size(); k++) {
                int fs = found.rawStart(k);
                if (fs < g && g < found.rawEnd(k) && fs >= released) {
                    g = fs;
                    moved = true;
                }
            }
        }
        return g;
    }

    private int firstFinding() {
        int first = -1;
        for (int k = 0; k < found.size(); k++) {
            if (first < 0 || found.rawStart(k) < found.rawStart(first)) first = k;
        }
        return first;
    }

    /** Releases {@code [released, to)} unchanged. */
    private String segment(int to) {
        if (to <= released) return "";
        String t = new String(s.buf, released - s.base, to - released);
        released = to;
        return t;
    }

    /** Releases {@code [released, rel)} with findings overlapping it rewritten; reports findings now released. */
    private String redacted(int rel, List<StreamFinding> out) {
        if (rel <= released) return "";
        int from = released;
        String raw = new String(s.buf, from - s.base, rel - from);
        List<Finding> inside = new ArrayList<>();
        int cpFrom = s.codePointOffset(from);
        int cpTo = s.codePointOffset(rel);
        for (int k = 0; k < found.size(); k++) {
            int fs = found.rawStart(k);
            int fe = found.rawEnd(k);
            if (fs < rel && fe > from) {
                int a = Math.max(s.codePointOffset(fs), cpFrom) - cpFrom;
                int b = Math.min(s.codePointOffset(fe), cpTo) - cpFrom;
                inside.add(new Finding(found.rawDetector(k), a, b, found.label(k)));
            }
        }
        sortReported(rel, out);
        released = rel;
        return inside.isEmpty() ? raw : options.redaction().apply(raw, inside);
    }

    /** Reports, in start order, the findings whose text starts before {@code rel} and were not reported yet. */
    private void sortReported(int rel, List<StreamFinding> out) {
        List<Integer> ready = new ArrayList<>();
        for (int k = 0; k < found.size(); k++) {
            if (!isReported(k) && found.rawStart(k) < rel) ready.add(k);
        }
        ready.sort((x, y) -> Integer.compare(found.rawStart(x), found.rawStart(y)));
        for (int k : ready) {
            out.add(streamFinding(k));
            markReported(k);
        }
    }

    private boolean[] reportedFlags = new boolean[16];

    private boolean isReported(int k) {
        return k < reportedFlags.length && reportedFlags[k];
    }

    private void markReported(int k) {
        if (k >= reportedFlags.length) reportedFlags = Arrays.copyOf(reportedFlags, Math.max(k + 1, k * 2));
        reportedFlags[k] = true;
    }

    private StreamFinding streamFinding(int k) {
        int at = releasedAtDetection[k];
        return new StreamFinding(finding(k), at > 0, found.rawStart(k) < at);
    }

    private Finding finding(int k) {
        return new Finding(found.rawDetector(k), s.codePointOffset(found.rawStart(k)),
                s.codePointOffset(found.rawEnd(k)), found.label(k));
    }

    /**
     * Drops text that is released and no longer needed as look-behind context. What the detectors may still read
     * depends on the plan, not on the configured window, so the plan's window bounds it.
     */
    private void compact() {
        int keep = Math.min(released - s.base, s.pos - plan.window() - ScanState.LOOKAHEAD);
        if (s.tokStart >= 0) keep = Math.min(keep, s.tokStart);
        if (s.pemState != PemBlocks.NONE) keep = Math.min(keep, s.pemStart);
        if (plan.regexes.length != 0) keep = Math.min(keep, s.lineStart);
        keep -= ScanState.LOOKAHEAD;
        if (keep > 4096 && keep > s.end / 2) s.compact(keep);
    }
}

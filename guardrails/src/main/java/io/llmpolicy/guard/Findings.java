package io.llmpolicy.guard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A reusable sink for the findings of one scan: parallel arrays that grow once and are then reused, so a scan that
 * finds nothing (or a few things) allocates nothing in steady state.
 *
 * <p>Concurrency: not thread-safe. Keep one per thread (or per request) and pass it to
 * {@link GuardrailSet#scan(CharSequence, Findings)} again and again; each scan clears it first. After a scan the
 * findings are ordered by start offset (then end); offsets are Unicode code points, end exclusive.
 */
public final class Findings {
    private String[] detector = new String[16];
    private String[] label = new String[16];
    private int[] start = new int[16];
    private int[] end = new int[16];
    private int size;
    final ScanState state = new ScanState();

    /** Creates an empty sink. */
    public Findings() {}

    /** Number of findings of the last scan. */
    public int size() {
        return size;
    }

    /** Whether the last scan found nothing. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Detector id of finding {@code i}, for example {@code pii.email}. */
    public String detector(int i) {
        check(i);
        return detector[i];
    }

    /** Short non-secret label of finding {@code i}. */
    public String label(int i) {
        check(i);
        return label[i];
    }

    /** Start of finding {@code i} in code points. */
    public int start(int i) {
        check(i);
        return start[i];
    }

    /** End (exclusive) of finding {@code i} in code points. */
    public int end(int i) {
        check(i);
        return end[i];
    }

    /** Finding {@code i} as a record (allocates). */
    public Finding get(int i) {
        check(i);
        return new Finding(detector[i], start[i], end[i], label[i]);
    }

    /** All findings as an immutable list (allocates). */
    public List<Finding> toList() {
        List<Finding> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) list.add(get(i));
        return List.copyOf(list);
    }

    private void check(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("finding " + i + " of " + size);
    }

    void clear() {
        size = 0;
    }

    /** Adds a finding in stream char offsets; returns its index. */
    int add(String det, int s, int e, String lab) {
        if (size == start.length) {
            int n = size * 2;
            detector = Arrays.copyOf(detector, n);
            label = Arrays.copyOf(label, n);
            start = Arrays.copyOf(start, n);
            end = Arrays.copyOf(end, n);
        }
        detector[size] = det;
        label[size] = lab;
        start[size] = s;
        end[size] = e;
        return size++;
    }

    int rawStart(int i) {
        return start[i];
    }

    int rawEnd(int i) {
        return end[i];
    }

    String rawDetector(int i) {
        return detector[i];
    }

    void setRaw(int i, int s, int e) {
        start[i] = s;
        end[i] = e;
    }

    void replace(int i, String det, int s, int e, String lab) {
        detector[i] = det;
        label[i] = lab;
        start[i] = s;
        end[i] = e;
    }

    /** Removes findings {@code [from, size)}. */
    void truncate(int from) {
        size = from;
    }

    /** Sorts findings {@code [from, size)} by (start, end); insertion sort, as lists are short and mostly sorted. */
    void sort(int from) {
        for (int i = from + 1; i < size; i++) {
            String d = detector[i];
            String l = label[i];
            int s = start[i];
            int e = end[i];
            int j = i - 1;
            while (j >= from && (start[j] > s || (start[j] == s && end[j] > e))) {
                detector[j + 1] = detector[j];
                label[j + 1] = label[j];
                start[j + 1] = start[j];
                end[j + 1] = end[j];
                j--;
            }
            detector[j + 1] = d;
            label[j + 1] = l;
            start[j + 1] = s;
            end[j + 1] = e;
        }
    }

    /** Converts findings {@code [from, size)} from stream char offsets to code point offsets. */
    void toCodePoints(int from, ScanState st) {
        if (st.nLows == 0) return;
        for (int i = from; i < size; i++) {
            start[i] = st.codePointOffset(start[i]);
            end[i] = st.codePointOffset(end[i]);
        }
    }
}

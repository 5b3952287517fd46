package io.llmpolicy.engine.budget;

import java.util.Arrays;

/**
 * The limits of one budget and the alert thresholds checked against them. Immutable and thread-safe.
 *
 * <p>Each dimension is limited independently; {@link #UNLIMITED} leaves it unchecked. A reservation is admitted
 * only when it fits under every limited dimension. Alert thresholds are in basis points of each limit
 * ({@code 8000} = 80 %) and apply to every limited dimension.
 */
public final class Limits {

    /** A dimension without a limit. */
    public static final long UNLIMITED = Long.MAX_VALUE;
    /** Most alert thresholds per budget (the fired-alert bookkeeping is sized for it). */
    public static final int MAX_ALERT_THRESHOLDS = 16;
    /** Largest threshold: 1000 % of the limit, enough for "spend is at twice the budget" alerts. */
    public static final int MAX_THRESHOLD_BPS = 100_000;

    /** No limit in any dimension, no alerts. */
    public static final Limits NONE = new Limits(UNLIMITED, UNLIMITED, UNLIMITED, new int[0]);

    private final long tokens;
    private final long nanoUsd;
    private final long requests;
    private final int[] alertThresholdsBps;

    private Limits(long tokens, long nanoUsd, long requests, int[] alertThresholdsBps) {
        if (tokens < 0 || nanoUsd < 0 || requests < 0) {
            throw new IllegalArgumentException("limits must be >= 0 (or UNLIMITED), got tokens=" + tokens
                    + " nano_usd=" + nanoUsd + " requests=" + requests);
        }
        this.tokens = tokens;
        this.nanoUsd = nanoUsd;
        this.requests = requests;
        this.alertThresholdsBps = alertThresholdsBps;
    }

    /** Limits without alerts; pass {@link #UNLIMITED} for a dimension that is not limited. */
    public static Limits of(long tokens, long nanoUsd, long requests) {
        return new Limits(tokens, nanoUsd, requests, new int[0]);
    }

    /**
     * These limits with alert thresholds in basis points (for example {@code 8000, 9500}).
     *
     * @throws IllegalArgumentException if a threshold is outside 1..{@value #MAX_THRESHOLD_BPS} or there are more
     *     than {@value #MAX_ALERT_THRESHOLDS}
     */
    public Limits withAlerts(int... thresholdsBps) {
        int[] sorted = Arrays.stream(thresholdsBps).distinct().sorted().toArray();
        if (sorted.length > MAX_ALERT_THRESHOLDS) {
            throw new IllegalArgumentException("at most " + MAX_ALERT_THRESHOLDS + " alert thresholds, got "
                    + sorted.length);
        }
        for (int bps : sorted) {
            if (bps <= 0 || bps > MAX_THRESHOLD_BPS) {
                throw new IllegalArgumentException("alert threshold must be 1.." + MAX_THRESHOLD_BPS
                        + " basis points, got " + bps);
            }
        }
        return new Limits(tokens, nanoUsd, requests, sorted);
    }

    /** Token limit or {@link #UNLIMITED}. */
    public long tokens() {
        return tokens;
    }

    /** Money limit in nano-USD or {@link #UNLIMITED}. */
    public long nanoUsd() {
        return nanoUsd;
    }

    /** Request limit or {@link #UNLIMITED}. */
    public long requests() {
        return requests;
    }

    /** The limit of one dimension, or {@link #UNLIMITED}. */
    public long get(BudgetDimension dimension) {
        return get(dimension.ordinal());
    }

    long get(int dimension) {
        return switch (dimension) {
            case 0 -> tokens;
            case 1 -> nanoUsd;
            default -> requests;
        };
    }

    /** Alert thresholds in basis points, ascending (a copy). */
    public int[] alertThresholdsBps() {
        return alertThresholdsBps.clone();
    }

    int alertCount() {
        return alertThresholdsBps.length;
    }

    int alertBps(int i) {
        return alertThresholdsBps[i];
    }

    /**
     * The smallest usage at or above {@code bps} basis points of {@code limit}: {@code ceil(limit × bps / 10000)},
     * exact for every {@code long} limit (no overflow, no floating point).
     */
    static long thresholdAmount(long limit, int bps) {
        long whole = limit / 10_000;
        long rest = limit % 10_000;
        long base = Math.multiplyHigh(whole, bps) != 0 || whole * bps < 0 ? Long.MAX_VALUE : whole * bps;
        long part = Math.ceilDiv(rest * bps, 10_000L);
        return base > Long.MAX_VALUE - part ? Long.MAX_VALUE : base + part;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Limits other && tokens == other.tokens && nanoUsd == other.nanoUsd
                && requests == other.requests && Arrays.equals(alertThresholdsBps, other.alertThresholdsBps);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(tokens) * 961 + Long.hashCode(nanoUsd) * 31 + Long.hashCode(requests)
                + Arrays.hashCode(alertThresholdsBps);
    }

    @Override
    public String toString() {
        return "Limits[tokens=" + show(tokens) + ", nano_usd=" + show(nanoUsd) + ", requests=" + show(requests)
                + ", alerts_bps=" + Arrays.toString(alertThresholdsBps) + "]";
    }

    private static String show(long limit) {
        return limit == UNLIMITED ? "unlimited" : Long.toString(limit);
    }
}

package io.llmpolicy.eval.offline;

/**
 * Told how far an offline run has got, for a progress bar. Called on the running thread: first with
 * {@code (0, total)}, then after each record. Must be quick.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total) -> { };

    void onProgress(long done, long total);
}

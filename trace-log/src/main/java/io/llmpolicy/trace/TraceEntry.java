package io.llmpolicy.trace;

/**
 * A record as read back from the trace log, with what the writer added. Immutable and thread-safe.
 *
 * @param sequence  position in the hash chain, from 0, gap-free across cycles and processes
 *                  ({@code llmpolicy.sequence})
 * @param chainHash lowercase hex SHA-256 chain hash of this record ({@code llmpolicy.chain_hash})
 * @param index     Chronicle Queue index of the excerpt (encodes cycle and position in the cycle)
 * @param cycleFile name of the cycle file holding the record, for example {@code 20261127F.cq4}
 * @param record    the record
 */
public record TraceEntry(long sequence, String chainHash, long index, String cycleFile, TraceRecord record) {
}

package io.llmpolicy.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One decision (and, when the request completed, its outcome) as stored in the trace log. Field by field, with
 * the stored names, in {@code docs/trace-schema.md}. The writer adds the sequence number and the chain hash; a
 * reader returns both in a {@link TraceEntry}.
 *
 * <p>Strings may be null where the Javadoc of the accessor says "absent". Lists and the metadata map are never
 * null (null becomes empty) and are unmodifiable copies. Immutable and thread-safe.
 *
 * @param recordId          unique id of this record ({@code llmpolicy.record_id})
 * @param requestId         the request's own id ({@code llmpolicy.request_id}), absent if the caller had none
 * @param startTimeUnixNano when the request reached the policy, nanoseconds since the Unix epoch
 * @param endTimeUnixNano   when it completed (or was denied), nanoseconds since the Unix epoch
 * @param policy            policy name, version and hash
 * @param rulesFired        ids of the rules that fired, in evaluation order
 * @param action            the decision: {@code allow}, {@code deny}, {@code redact}, ... ({@code llmpolicy.action})
 * @param reasons           human-readable reasons for the action
 * @param routeTarget       the route target chosen ({@code provider/model} or a route name), absent if denied
 * @param attempts          every model call made, in order
 * @param providerName      provider that produced the response ({@code gen_ai.provider.name}), absent if none
 * @param requestModel      model asked for ({@code gen_ai.request.model})
 * @param responseModel     model that answered ({@code gen_ai.response.model})
 * @param inputTokens       {@code gen_ai.usage.input_tokens}, {@code >= 0}
 * @param outputTokens      {@code gen_ai.usage.output_tokens}, {@code >= 0}
 * @param cachedInputTokens {@code gen_ai.usage.cache_read.input_tokens}, {@code >= 0}, included in inputTokens
 * @param costNanoUsd       cost in nano-USD (1 USD = 1_000_000_000), exact
 * @param budgetCharges     amounts counted against budgets
 * @param findings          guardrail findings (spans, never raw values)
 * @param evalResults       eval results
 * @param errorType         final error class ({@code error.type}), absent on success
 * @param metadata          request metadata the policy marks as traced, in the order given
 * @param prompt            what is kept of the prompt text
 * @param response          what is kept of the response text
 */
public record TraceRecord(
        String recordId,
        String requestId,
        long startTimeUnixNano,
        long endTimeUnixNano,
        PolicyRef policy,
        List<String> rulesFired,
        String action,
        List<String> reasons,
        String routeTarget,
        List<Attempt> attempts,
        String providerName,
        String requestModel,
        String responseModel,
        long inputTokens,
        long outputTokens,
        long cachedInputTokens,
        long costNanoUsd,
        List<BudgetCharge> budgetCharges,
        List<Finding> findings,
        List<EvalResult> evalResults,
        String errorType,
        Map<String, MetaValue> metadata,
        Content prompt,
        Content response) {

    public TraceRecord {
        if (recordId == null || recordId.isEmpty()) {
            throw new IllegalArgumentException("trace record needs a record id (TraceIds.newRecordId())");
        }
        if (inputTokens < 0 || outputTokens < 0 || cachedInputTokens < 0) {
            throw new IllegalArgumentException("token counts must be >= 0 in record " + recordId);
        }
        policy = policy == null ? PolicyRef.NONE : policy;
        rulesFired = copy(rulesFired, "rulesFired", recordId);
        reasons = copy(reasons, "reasons", recordId);
        attempts = copy(attempts, "attempts", recordId);
        budgetCharges = copy(budgetCharges, "budgetCharges", recordId);
        findings = copy(findings, "findings", recordId);
        evalResults = copy(evalResults, "evalResults", recordId);
        metadata = copyMetadata(metadata, recordId);
        prompt = prompt == null ? Content.OMITTED : prompt;
        response = response == null ? Content.OMITTED : response;
    }

    /** Duration from start to end in nanoseconds (0 when the end precedes the start). */
    public long latencyNanos() {
        return Math.max(0, endTimeUnixNano - startTimeUnixNano);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this record's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.recordId = recordId;
        b.requestId = requestId;
        b.startTimeUnixNano = startTimeUnixNano;
        b.endTimeUnixNano = endTimeUnixNano;
        b.policy = policy;
        // A record's lists and metadata never change, so the builder starts from them and copies on its first change.
        b.rulesFired = rulesFired;
        b.action = action;
        b.reasons = reasons;
        b.routeTarget = routeTarget;
        b.attempts = attempts;
        b.providerName = providerName;
        b.requestModel = requestModel;
        b.responseModel = responseModel;
        b.inputTokens = inputTokens;
        b.outputTokens = outputTokens;
        b.cachedInputTokens = cachedInputTokens;
        b.costNanoUsd = costNanoUsd;
        b.budgetCharges = budgetCharges;
        b.findings = findings;
        b.evalResults = evalResults;
        b.errorType = errorType;
        b.metadata(metadata);
        b.prompt = prompt;
        b.response = response;
        return b;
    }

    private static <T> List<T> copy(List<T> list, String what, String recordId) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        for (int i = 0, n = list.size(); i < n; i++) { // a loop, not a stream: this runs for every traced request
            if (list.get(i) == null) {
                throw new IllegalArgumentException(what + " of record " + recordId + " contains null");
            }
        }
        // A builder's list (never changed after it is handed over) or an immutable list: no copy needed.
        return list instanceof Handed<T> ? list : List.copyOf(list);
    }

    /**
     * A list a {@link Builder} hands to the record it builds instead of copying it. The builder gives up the list
     * when it builds (its next change copies it first), so nothing changes a handed list afterwards. Read-only.
     */
    private static final class Handed<T> extends java.util.AbstractList<T> implements java.util.RandomAccess {
        private final ArrayList<T> items;

        Handed(ArrayList<T> items) {
            this.items = items;
        }

        @Override
        public T get(int index) {
            return items.get(index);
        }

        @Override
        public int size() {
            return items.size();
        }
    }

    private static Map<String, MetaValue> copyMetadata(Map<String, MetaValue> metadata, String recordId) {
        if (metadata == null || metadata.isEmpty()) {
            return MetadataMap.EMPTY;
        }
        MetadataMap m = MetadataMap.copyOf(metadata);
        for (int i = 0, n = m.size(); i < n; i++) {
            String key = m.key(i);
            if (key == null || key.isEmpty() || m.value(i) == null) {
                throw new IllegalArgumentException("metadata of record " + recordId + " has an empty key or null value");
            }
        }
        return m;
    }

    /**
     * Mutable builder; not thread-safe. Unset strings stay absent, unset numbers are 0.
     *
     * <p>Building is cheap because nothing is copied twice: a list set whole is kept as an immutable copy (no copy
     * at all when it already is immutable), a list added to becomes an {@link ArrayList} this builder owns, and
     * {@link #build()} hands its own lists and metadata arrays to the record and gives up ownership — the next
     * change copies first (copy on write), so a built record never changes.
     */
    public static final class Builder {
        private static final int RULES = 1;
        private static final int REASONS = 2;
        private static final int ATTEMPTS = 4;
        private static final int CHARGES = 8;
        private static final int FINDINGS = 16;
        private static final int EVALS = 32;
        private static final int METADATA = 64;
        private static final String[] NO_KEYS = new String[0];
        private static final MetaValue[] NO_VALUES = new MetaValue[0];

        private String recordId;
        private String requestId;
        private long startTimeUnixNano;
        private long endTimeUnixNano;
        private PolicyRef policy = PolicyRef.NONE;
        private List<String> rulesFired = List.of();
        private String action;
        private List<String> reasons = List.of();
        private String routeTarget;
        private List<Attempt> attempts = List.of();
        private String providerName;
        private String requestModel;
        private String responseModel;
        private long inputTokens;
        private long outputTokens;
        private long cachedInputTokens;
        private long costNanoUsd;
        private List<BudgetCharge> budgetCharges = List.of();
        private List<Finding> findings = List.of();
        private List<EvalResult> evalResults = List.of();
        private String errorType;
        private String[] metaKeys = NO_KEYS;
        private MetaValue[] metaValues = NO_VALUES;
        private int metaSize;
        private Content prompt = Content.OMITTED;
        private Content response = Content.OMITTED;
        /** Which lists (and the metadata arrays) are this builder's own, to change in place; the rest are shared. */
        private int owned;

        private Builder() {
        }

        public Builder recordId(String v) { recordId = v; return this; }
        public Builder requestId(String v) { requestId = v; return this; }
        public Builder startTimeUnixNano(long v) { startTimeUnixNano = v; return this; }
        public Builder endTimeUnixNano(long v) { endTimeUnixNano = v; return this; }
        public Builder policy(PolicyRef v) { policy = v; return this; }
        public Builder policy(String name, String version, String hash) { return policy(new PolicyRef(name, version, hash)); }
        public Builder ruleFired(String ruleId) { rulesFired = add(rulesFired, RULES, ruleId); return this; }
        public Builder rulesFired(List<String> v) { rulesFired = whole(v, RULES); return this; }
        public Builder action(String v) { action = v; return this; }
        public Builder reason(String v) { reasons = add(reasons, REASONS, v); return this; }
        public Builder reasons(List<String> v) { reasons = whole(v, REASONS); return this; }
        public Builder routeTarget(String v) { routeTarget = v; return this; }
        public Builder attempt(Attempt v) { attempts = add(attempts, ATTEMPTS, v); return this; }
        public Builder attempts(List<Attempt> v) { attempts = whole(v, ATTEMPTS); return this; }
        public Builder providerName(String v) { providerName = v; return this; }
        public Builder requestModel(String v) { requestModel = v; return this; }
        public Builder responseModel(String v) { responseModel = v; return this; }
        public Builder inputTokens(long v) { inputTokens = v; return this; }
        public Builder outputTokens(long v) { outputTokens = v; return this; }
        public Builder cachedInputTokens(long v) { cachedInputTokens = v; return this; }
        public Builder costNanoUsd(long v) { costNanoUsd = v; return this; }
        public Builder budgetCharge(BudgetCharge v) { budgetCharges = add(budgetCharges, CHARGES, v); return this; }
        public Builder budgetCharges(List<BudgetCharge> v) { budgetCharges = whole(v, CHARGES); return this; }
        public Builder finding(Finding v) { findings = add(findings, FINDINGS, v); return this; }
        public Builder findings(List<Finding> v) { findings = whole(v, FINDINGS); return this; }
        public Builder evalResult(EvalResult v) { evalResults = add(evalResults, EVALS, v); return this; }
        public Builder evalResults(List<EvalResult> v) { evalResults = whole(v, EVALS); return this; }
        public Builder errorType(String v) { errorType = v; return this; }
        public Builder metadata(String key, String value) { return putMetadata(key, new MetaValue.Text(value)); }
        public Builder metadata(String key, List<String> values) { return putMetadata(key, new MetaValue.TextList(values)); }

        /** Replaces all metadata with the map's entries, in its iteration order. */
        public Builder metadata(Map<String, MetaValue> v) {
            metaKeys = NO_KEYS;
            metaValues = NO_VALUES;
            metaSize = 0;
            owned &= ~METADATA;
            if (v != null) {
                for (Map.Entry<String, MetaValue> e : v.entrySet()) {
                    putMetadata(e.getKey(), e.getValue());
                }
            }
            return this;
        }

        public Builder prompt(Content v) { prompt = v; return this; }
        public Builder response(Content v) { response = v; return this; }

        /** Sets a metadata value; a key set before keeps its place (like {@link LinkedHashMap#put}). */
        private Builder putMetadata(String key, MetaValue value) {
            if ((owned & METADATA) == 0) {
                int capacity = Math.max(4, metaSize + 1);
                metaKeys = java.util.Arrays.copyOf(metaKeys, capacity);
                metaValues = java.util.Arrays.copyOf(metaValues, capacity);
                owned |= METADATA;
            }
            for (int i = 0; i < metaSize; i++) {
                if (metaKeys[i] != null && metaKeys[i].equals(key)) {
                    metaValues[i] = value;
                    return this;
                }
            }
            if (metaSize == metaKeys.length) {
                metaKeys = java.util.Arrays.copyOf(metaKeys, metaSize * 2);
                metaValues = java.util.Arrays.copyOf(metaValues, metaSize * 2);
            }
            metaKeys[metaSize] = key;
            metaValues[metaSize++] = value;
            return this;
        }

        /**
         * Builds the record; when no record id was set, one is generated with {@link TraceIds#newRecordId}
         * from the start time.
         */
        public TraceRecord build() {
            String id = recordId != null ? recordId : TraceIds.newRecordId(startTimeUnixNano);
            TraceRecord r = new TraceRecord(id, requestId, startTimeUnixNano, endTimeUnixNano, policy,
                    hand(rulesFired), action, hand(reasons), routeTarget, hand(attempts), providerName, requestModel,
                    responseModel, inputTokens, outputTokens, cachedInputTokens, costNanoUsd, hand(budgetCharges),
                    hand(findings), hand(evalResults), errorType,
                    metaSize == 0 ? MetadataMap.EMPTY : new MetadataMap(metaKeys, metaValues, metaSize), prompt, response);
            owned = 0; // the record shares the lists and arrays now: the next change to this builder copies them first
            return r;
        }

        /** A list set whole: an immutable copy, or the caller's own list when it already is immutable. */
        private <T> List<T> whole(List<T> v, int bit) {
            owned &= ~bit;
            if (v == null || v.isEmpty()) {
                return List.of();
            }
            try {
                return List.copyOf(v);
            } catch (NullPointerException e) {
                owned |= bit; // keep the null so that build() reports it with the record's id
                return new ArrayList<>(v);
            }
        }

        /** Adds to a list, first copying it when this builder does not own it (copy on write). */
        private <T> List<T> add(List<T> list, int bit, T item) {
            ArrayList<T> own;
            if ((owned & bit) != 0) {
                own = (ArrayList<T>) list;
            } else {
                own = new ArrayList<>(Math.max(4, list.size() + 1));
                own.addAll(list);
                owned |= bit;
            }
            own.add(item);
            return own;
        }

        private static <T> List<T> hand(List<T> list) {
            return list instanceof ArrayList<T> own ? new Handed<>(own) : list;
        }
    }
}

package io.llmpolicy.trace;

import java.util.ArrayList;
import java.util.Collections;
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
        b.rulesFired.addAll(rulesFired);
        b.action = action;
        b.reasons.addAll(reasons);
        b.routeTarget = routeTarget;
        b.attempts.addAll(attempts);
        b.providerName = providerName;
        b.requestModel = requestModel;
        b.responseModel = responseModel;
        b.inputTokens = inputTokens;
        b.outputTokens = outputTokens;
        b.cachedInputTokens = cachedInputTokens;
        b.costNanoUsd = costNanoUsd;
        b.budgetCharges.addAll(budgetCharges);
        b.findings.addAll(findings);
        b.evalResults.addAll(evalResults);
        b.errorType = errorType;
        b.metadata.putAll(metadata);
        b.prompt = prompt;
        b.response = response;
        return b;
    }

    private static <T> List<T> copy(List<T> list, String what, String recordId) {
        if (list instanceof Handed<T> handed) { // the common case, from a builder: checked without a copy
            if (handed.items.contains(null)) {
                throw new IllegalArgumentException(what + " of record " + recordId + " contains null");
            }
            return handed;
        }
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        for (int i = 0, n = list.size(); i < n; i++) { // a loop, not a stream: this runs for every traced request
            if (list.get(i) == null) {
                throw new IllegalArgumentException(what + " of record " + recordId + " contains null");
            }
        }
        return List.copyOf(list);
    }

    /**
     * A list a {@link Builder} hands to the record it builds instead of copying it. The builder copies its lists
     * before any later change ({@code Builder.own()}), so nothing changes a handed list afterwards. Read-only.
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
            return Map.of();
        }
        for (Map.Entry<String, MetaValue> e : entries(metadata)) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
                throw new IllegalArgumentException("metadata of record " + recordId + " has an empty key or null value");
            }
        }
        if (metadata instanceof HandedMap<String, MetaValue> handed) {
            return handed;
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * The entries of a record's metadata for reading inside this package (the codec): a handed map's own entries,
     * without the read-only wrappers its public view creates per entry. Callers must not modify them.
     */
    static java.util.Set<Map.Entry<String, MetaValue>> entries(Map<String, MetaValue> metadata) {
        return metadata instanceof HandedMap<String, MetaValue> handed ? handed.map.entrySet() : metadata.entrySet();
    }

    /** The metadata map a {@link Builder} hands to the record it builds, like {@link Handed}. Read-only. */
    private static final class HandedMap<K, V> extends java.util.AbstractMap<K, V> {
        private final LinkedHashMap<K, V> map;
        private final Map<K, V> view;

        HandedMap(LinkedHashMap<K, V> map) {
            this.map = map;
            this.view = Collections.unmodifiableMap(map);
        }

        @Override
        public V get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public java.util.Set<Map.Entry<K, V>> entrySet() {
            return view.entrySet();
        }
    }

    /** Mutable builder; not thread-safe. Unset strings stay absent, unset numbers are 0. */
    public static final class Builder {
        private String recordId;
        private String requestId;
        private long startTimeUnixNano;
        private long endTimeUnixNano;
        private PolicyRef policy = PolicyRef.NONE;
        private ArrayList<String> rulesFired = new ArrayList<>();
        private String action;
        private ArrayList<String> reasons = new ArrayList<>();
        private String routeTarget;
        private ArrayList<Attempt> attempts = new ArrayList<>();
        private String providerName;
        private String requestModel;
        private String responseModel;
        private long inputTokens;
        private long outputTokens;
        private long cachedInputTokens;
        private long costNanoUsd;
        private ArrayList<BudgetCharge> budgetCharges = new ArrayList<>();
        private ArrayList<Finding> findings = new ArrayList<>();
        private ArrayList<EvalResult> evalResults = new ArrayList<>();
        private String errorType;
        private LinkedHashMap<String, MetaValue> metadata = new LinkedHashMap<>();
        private Content prompt = Content.OMITTED;
        private Content response = Content.OMITTED;
        /** True after {@link #build()} until the next change: the built record shares this builder's lists. */
        private boolean handed;

        private Builder() {
        }

        public Builder recordId(String v) { recordId = v; return this; }
        public Builder requestId(String v) { requestId = v; return this; }
        public Builder startTimeUnixNano(long v) { startTimeUnixNano = v; return this; }
        public Builder endTimeUnixNano(long v) { endTimeUnixNano = v; return this; }
        public Builder policy(PolicyRef v) { policy = v; return this; }
        public Builder policy(String name, String version, String hash) { return policy(new PolicyRef(name, version, hash)); }
        public Builder ruleFired(String ruleId) { own(); rulesFired.add(ruleId); return this; }
        public Builder rulesFired(List<String> v) { own(); rulesFired.clear(); rulesFired.addAll(v); return this; }
        public Builder action(String v) { action = v; return this; }
        public Builder reason(String v) { own(); reasons.add(v); return this; }
        public Builder reasons(List<String> v) { own(); reasons.clear(); reasons.addAll(v); return this; }
        public Builder routeTarget(String v) { routeTarget = v; return this; }
        public Builder attempt(Attempt v) { own(); attempts.add(v); return this; }
        public Builder attempts(List<Attempt> v) { own(); attempts.clear(); attempts.addAll(v); return this; }
        public Builder providerName(String v) { providerName = v; return this; }
        public Builder requestModel(String v) { requestModel = v; return this; }
        public Builder responseModel(String v) { responseModel = v; return this; }
        public Builder inputTokens(long v) { inputTokens = v; return this; }
        public Builder outputTokens(long v) { outputTokens = v; return this; }
        public Builder cachedInputTokens(long v) { cachedInputTokens = v; return this; }
        public Builder costNanoUsd(long v) { costNanoUsd = v; return this; }
        public Builder budgetCharge(BudgetCharge v) { own(); budgetCharges.add(v); return this; }
        public Builder budgetCharges(List<BudgetCharge> v) { own(); budgetCharges.clear(); budgetCharges.addAll(v); return this; }
        public Builder finding(Finding v) { own(); findings.add(v); return this; }
        public Builder findings(List<Finding> v) { own(); findings.clear(); findings.addAll(v); return this; }
        public Builder evalResult(EvalResult v) { own(); evalResults.add(v); return this; }
        public Builder evalResults(List<EvalResult> v) { own(); evalResults.clear(); evalResults.addAll(v); return this; }
        public Builder errorType(String v) { errorType = v; return this; }
        public Builder metadata(String key, String value) { own(); metadata.put(key, new MetaValue.Text(value)); return this; }
        public Builder metadata(String key, List<String> values) { own(); metadata.put(key, new MetaValue.TextList(values)); return this; }
        public Builder metadata(Map<String, MetaValue> v) { own(); metadata.clear(); metadata.putAll(v); return this; }
        public Builder prompt(Content v) { prompt = v; return this; }
        public Builder response(Content v) { response = v; return this; }

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
                    metadata.isEmpty() ? Map.of() : new HandedMap<>(metadata), prompt, response);
            handed = true; // the record shares the lists now: the next change to this builder copies them first
            return r;
        }

        /** Before a change: takes private copies of lists a built record shares (copy on write). */
        private void own() {
            if (handed) {
                rulesFired = new ArrayList<>(rulesFired);
                reasons = new ArrayList<>(reasons);
                attempts = new ArrayList<>(attempts);
                budgetCharges = new ArrayList<>(budgetCharges);
                findings = new ArrayList<>(findings);
                evalResults = new ArrayList<>(evalResults);
                metadata = new LinkedHashMap<>(metadata);
                handed = false;
            }
        }

        private static <T> List<T> hand(ArrayList<T> list) {
            return list.isEmpty() ? List.of() : new Handed<>(list);
        }
    }
}

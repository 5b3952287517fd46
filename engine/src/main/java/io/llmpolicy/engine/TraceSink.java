package io.llmpolicy.engine;

import io.llmpolicy.engine.compile.Plan;
import io.llmpolicy.trace.Attempt;
import io.llmpolicy.trace.BudgetCharge;
import io.llmpolicy.trace.ContentMode;
import io.llmpolicy.trace.ContentPolicy;
import io.llmpolicy.trace.Content;
import io.llmpolicy.trace.MetaValue;
import io.llmpolicy.trace.TraceIds;
import io.llmpolicy.trace.TraceRecord;
import io.llmpolicy.trace.TraceWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one trace record per completed request and per denied decision. Records name the policy version, the
 * rules that fired, every attempt, usage, cost and budget charges; prompt and response text are stored only as the
 * policy's {@code trace { store ... }} says (none by default). Thread-safe: the writer keeps one appender per thread.
 */
final class TraceSink implements AutoCloseable {
    /** When a record is on disk relative to the request that produced it. */
    enum Mode {
        /** Appended on the request thread: when {@code complete} returns, the record is in the queue (crash-safe). */
        SYNC,
        /**
         * Handed to one background writer through a bounded queue: the request thread only builds the record and
         * offers it (no system call: the writer polls, spinning briefly and then sleeping up to a millisecond when
         * idle, so a request never has to wake it). A full queue blocks the request (records are never dropped);
         * records still queued when the process dies are lost; {@code close()} drains the queue.
         */
        ASYNC
    }

    private static final TraceRecord STOP = TraceRecord.builder().requestId("stop").build();

    private final TraceWriter writer;
    private final String hmacKeyId;
    private final byte[] hmacKey;
    private final java.util.concurrent.BlockingQueue<TraceRecord> queue;
    private final Thread background;
    private final java.util.concurrent.atomic.AtomicLong writeFailures = new java.util.concurrent.atomic.AtomicLong();

    TraceSink(TraceWriter writer, String hmacKeyId, byte[] hmacKey, Mode mode) {
        this.writer = writer;
        this.hmacKeyId = hmacKeyId;
        this.hmacKey = hmacKey;
        if (mode == Mode.ASYNC) {
            queue = new java.util.concurrent.ArrayBlockingQueue<>(65_536);
            background = new Thread(this::drain, "llmpolicy-trace-writer");
            background.setDaemon(true);
            background.start();
        } else {
            queue = null;
            background = null;
        }
    }

    private void append(TraceRecord r) {
        if (queue == null) {
            writer.append(r);
            return;
        }
        if (queue.offer(r)) return;
        try {
            queue.put(r); // full: wait for the writer (back-pressure, never a dropped record)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.append(r); // never lose a record: write it on this thread instead
        }
    }

    /** Idle polls spent spinning before the writer starts sleeping, and its longest sleep. */
    private static final int SPINS = 64;
    private static final long MAX_SLEEP_NANOS = 1_000_000;

    private void drain() {
        long sleep = 0;
        int idle = 0;
        while (true) {
            TraceRecord r = queue.poll();
            if (r == null) {
                if (++idle <= SPINS) {
                    Thread.onSpinWait();
                } else {
                    // back off from 10 µs to 1 ms while nothing arrives; the next record resets it
                    sleep = sleep == 0 ? 10_000 : Math.min(MAX_SLEEP_NANOS, sleep * 2);
                    java.util.concurrent.locks.LockSupport.parkNanos(sleep);
                }
                continue;
            }
            idle = 0;
            sleep = 0;
            if (r == STOP) return;
            try {
                writer.append(r);
            } catch (RuntimeException e) {
                writeFailures.incrementAndGet();
            }
        }
    }

    /** The content policy a plan asks for; fails when it wants hashes and no key was configured. */
    ContentPolicy contentPolicy(Plan plan) {
        ContentMode prompt = mode(plan.trace().prompt());
        ContentMode response = mode(plan.trace().response());
        if (prompt == ContentMode.HMAC_SHA256 || response == ContentMode.HMAC_SHA256) {
            if (hmacKey == null) {
                throw new IllegalStateException("policy " + plan.name() + " stores trace content as hash, but no HMAC key is configured: "
                        + "use PolicyEngine.builder().traceHmacKey(keyId, secret)");
            }
            return ContentPolicy.withHmacKey(prompt, response, hmacKeyId, hmacKey);
        }
        return ContentPolicy.of(prompt, response);
    }

    private static ContentMode mode(String m) {
        return switch (m) {
            case "hash" -> ContentMode.HMAC_SHA256;
            case "redacted" -> ContentMode.REDACTED;
            case "full" -> ContentMode.FULL;
            default -> ContentMode.NONE;
        };
    }

    void denied(Decision d, ContentPolicy content) {
        append(record(d, content, null, null));
    }

    void completed(Decision d, LlmResponse response, Outcome o, ContentPolicy content) {
        append(record(d, content, response, o));
    }

    /**
     * The record of a decision, completed ({@code response} and {@code o} given) or denied (both null). Built with
     * the record's canonical constructor rather than its builder: this runs on the request thread for every traced
     * request, and the constructor keeps the immutable lists made here as they are (one allocation each, or none).
     */
    private TraceRecord record(Decision d, ContentPolicy content, LlmResponse response, Outcome o) {
        boolean completed = o != null;
        long start = d.timestampMillis() * 1_000_000L;
        long latency = completed ? Math.max(0, response.latencyMillis()) * 1_000_000L : 0;
        boolean allowed = d.allowed();

        List<Decision.FailedAttempt> failed = d.failedAttempts();
        List<Attempt> attempts;
        Attempt last = completed ? new Attempt(d.provider(), d.providerModel(), o.success() ? null : o.errorClass(), latency) : null;
        if (failed.isEmpty()) {
            attempts = last == null ? List.of() : List.of(last);
        } else {
            Attempt[] all = new Attempt[failed.size() + (last == null ? 0 : 1)];
            for (int i = 0; i < failed.size(); i++) {
                Decision.FailedAttempt a = failed.get(i);
                all[i] = new Attempt(a.provider(), a.providerModel(), a.errorClass(), Math.max(0, a.latencyMillis()) * 1_000_000L);
            }
            if (last != null) all[all.length - 1] = last;
            attempts = List.of(all);
        }

        List<io.llmpolicy.trace.Finding> findings = List.of();
        List<GuardFinding> inputFindings = d.findings();
        List<GuardFinding> outputFindings = completed ? o.findings() : List.of();
        if (!inputFindings.isEmpty() || !outputFindings.isEmpty()) {
            io.llmpolicy.trace.Finding[] all = new io.llmpolicy.trace.Finding[inputFindings.size() + outputFindings.size()];
            int n = 0;
            for (GuardFinding f : inputFindings) all[n++] = traceFinding(f);
            for (GuardFinding f : outputFindings) all[n++] = traceFinding(f);
            findings = List.of(all);
        }

        List<io.llmpolicy.trace.EvalResult> evals = List.of();
        if (completed && !o.evals().isEmpty()) {
            io.llmpolicy.trace.EvalResult[] all = new io.llmpolicy.trace.EvalResult[o.evals().size()];
            int n = 0;
            for (EvalResult e : o.evals()) {
                all[n++] = new io.llmpolicy.trace.EvalResult(e.eval() + ": " + e.assertion(), e.score(), e.label(), null, e.pass());
            }
            evals = List.of(all);
        }

        Content responseContent = Content.OMITTED;
        if (completed) {
            String text = response.content();
            if (text != null && !text.isEmpty() && content.mode(ContentPolicy.Direction.RESPONSE) != ContentMode.NONE) {
                responseContent = content.response(text, o.output() != null ? o.output() : "");
            }
        }

        Map<String, MetaValue> metadata = Map.of();
        Content promptContent = Content.OMITTED;
        LlmRequest r = d.request;
        if (r != null) {
            List<String> traced = d.plan.trace().attributes();
            if (!traced.isEmpty()) {
                Map<String, MetaValue> m = new LinkedHashMap<>(2 * traced.size());
                for (int i = 0, n = traced.size(); i < n; i++) {
                    String attr = traced.get(i);
                    Object v = r.metadata().get(attr);
                    if (v instanceof List<?> list) {
                        m.put(attr, new MetaValue.TextList(texts(list)));
                    } else if (v != null) {
                        m.put(attr, new MetaValue.Text(String.valueOf(v)));
                    }
                }
                metadata = m;
            }
            // Prompt text is joined (and the redacted copy built) only when the policy stores some form of it.
            ContentMode mode = content.mode(ContentPolicy.Direction.PROMPT);
            if (mode != ContentMode.NONE) {
                String prompt = r.prompt();
                String redacted = mode == ContentMode.REDACTED ? LlmRequest.joined(d.messages()) : null;
                if (!prompt.isEmpty()) promptContent = content.prompt(prompt, redacted);
            }
        }

        return new TraceRecord(TraceIds.newRecordId(start), d.requestId(), start, start + latency, policyRef(d.policy()),
                d.rules(), completed ? "allow" : "deny", d.reasons(), allowed ? d.target() : null, attempts,
                allowed ? d.provider() : null, allowed ? d.providerModel() : null,
                completed ? (response.model() != null ? response.model() : d.providerModel()) : null,
                completed ? o.inputTokens() : 0, completed ? o.outputTokens() : 0, completed ? o.cachedInputTokens() : 0,
                completed ? o.costNanoUsd() : 0, completed ? charges(d, o) : List.of(), findings, evals,
                completed && !o.success() ? o.errorClass() : null, metadata, promptContent, responseContent);
    }

    /**
     * One charge per counter and limited dimension, named by the store's key (a budget with limits in several
     * windows has a counter per window: "team@day"), so budgets can be rebuilt from the trace after a restart.
     */
    private static List<BudgetCharge> charges(Decision d, Outcome o) {
        List<io.llmpolicy.engine.budget.Reservation> reservations = d.reservations;
        if (reservations.isEmpty()) return List.of();
        BudgetCharge[] all = new BudgetCharge[3 * reservations.size()];
        int n = 0;
        for (io.llmpolicy.engine.budget.Reservation r : reservations) {
            io.llmpolicy.engine.budget.Limits l = r.limits();
            String key = r.key().scopeText();
            if (l.nanoUsd() != io.llmpolicy.engine.budget.Limits.UNLIMITED) {
                all[n++] = new BudgetCharge(r.key().budget(), key, o.costNanoUsd(), BudgetCharge.NANO_USD);
            }
            if (l.tokens() != io.llmpolicy.engine.budget.Limits.UNLIMITED) {
                all[n++] = new BudgetCharge(r.key().budget(), key, o.inputTokens() + o.outputTokens(), BudgetCharge.TOKENS);
            }
            if (l.requests() != io.llmpolicy.engine.budget.Limits.UNLIMITED) {
                all[n++] = new BudgetCharge(r.key().budget(), key, o.success() ? 1 : 0, BudgetCharge.REQUESTS);
            }
        }
        return n == 1 ? List.of(all[0]) : List.of(java.util.Arrays.copyOf(all, n));
    }

    /** The trace's policy reference for a version, made once per version rather than per record. */
    private volatile PolicyRefs lastPolicy;

    private record PolicyRefs(PolicyInfo info, io.llmpolicy.trace.PolicyRef ref) {}

    private io.llmpolicy.trace.PolicyRef policyRef(PolicyInfo info) {
        PolicyRefs last = lastPolicy;
        if (last == null || last.info() != info) {
            last = new PolicyRefs(info, new io.llmpolicy.trace.PolicyRef(info.name(), info.version(), info.hash()));
            lastPolicy = last;
        }
        return last.ref();
    }

    /** The list itself when it holds only strings (the record keeps it without a copy if it is immutable). */
    @SuppressWarnings("unchecked")
    private static List<String> texts(List<?> list) {
        for (int i = 0, n = list.size(); i < n; i++) {
            if (!(list.get(i) instanceof String)) {
                List<String> values = new java.util.ArrayList<>(n);
                for (Object o : list) values.add(String.valueOf(o));
                return values;
            }
        }
        return (List<String>) list;
    }

    private static io.llmpolicy.trace.Finding traceFinding(GuardFinding f) {
        return new io.llmpolicy.trace.Finding(f.detector(), f.phase().equals("input") ? io.llmpolicy.trace.Finding.Phase.INPUT
                : io.llmpolicy.trace.Finding.Phase.OUTPUT, Math.max(0, f.message()), f.start(), f.end(), f.action());
    }

    @Override
    public void close() {
        if (background != null) {
            try {
                queue.put(STOP);
                background.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writer.close();
    }
}

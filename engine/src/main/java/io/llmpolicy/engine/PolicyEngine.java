package io.llmpolicy.engine;

import io.llmpolicy.dsl.PolicyLoader;
import io.llmpolicy.dsl.check.CheckedPolicy;
import io.llmpolicy.engine.budget.AlertListener;
import io.llmpolicy.engine.budget.BudgetStore;
import io.llmpolicy.engine.budget.InMemoryBudgetStore;
import io.llmpolicy.engine.budget.Usage;
import io.llmpolicy.engine.compile.AttributeSlots;
import io.llmpolicy.engine.compile.Plan;
import io.llmpolicy.engine.compile.PolicyCompiler;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The embedded policy engine: decide every LLM request inline, settle it when the answer comes back.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.builder().policy(Path.of("support.llmpolicy")).build();
 * Decision d = engine.decide(LlmRequest.builder("r1").user("hi").attribute("team", "search").build());
 * if (d.allowed()) {
 *     LlmResponse r = callModel(d.provider(), d.providerModel());   // your client
 *     engine.complete(d, r);                                         // settles budgets with real usage
 * }
 * }</pre>
 *
 * <p><b>Threading:</b> thread-safe; call {@link #decide}, {@link #complete} and {@link #failover} from any number
 * of threads. The compiled policy is immutable and swapped atomically by {@link #reload}: a request decided on one
 * version completes on that version. Budget state lives in the {@link BudgetStore} and survives reloads.
 */
public final class PolicyEngine implements AutoCloseable {
    private final Path policyFile;
    private final Clock clock;
    private final BudgetStore store;
    private final AttributeSlots slots = new AttributeSlots();
    private final AtomicReference<Decider> current = new AtomicReference<>();
    private final TraceSink trace;
    private final Execution execution;
    private final Alerts alerts;
    private final PluginBindings bindings;
    final ScriptBindings scripts; // package-private for tests
    private final Path budgetSnapshot;
    private volatile io.llmpolicy.trace.ContentPolicy content = io.llmpolicy.trace.ContentPolicy.NONE;
    private volatile Thread watcher;
    private volatile WatchService watchService;

    private PolicyEngine(Builder b) {
        this.policyFile = b.policy;
        this.clock = b.clock;
        this.alerts = new Alerts(b.alerts, b.evalAlerts, b.alertSink);
        this.scripts = new ScriptBindings(b.policy.toAbsolutePath().getParent(), b.scriptDefaults, b.scriptCeiling);
        this.bindings = new PluginBindings(b.plugins, scripts);
        this.store = b.store != null ? b.store : new InMemoryBudgetStore(alerts.budgets());
        this.budgetSnapshot = b.budgetSnapshot;
        if (budgetSnapshot != null && java.nio.file.Files.isRegularFile(budgetSnapshot)) {
            try {
                store.restore(budgetSnapshot);
            } catch (IOException e) {
                throw new IllegalStateException("cannot restore budgets from " + budgetSnapshot + ": " + e.getMessage(), e);
            }
        }
        this.trace = b.traceDir == null ? null : new TraceSink(io.llmpolicy.trace.TraceWriter.open(
                io.llmpolicy.trace.TraceConfig.builder(b.traceDir).build()), b.hmacKeyId, b.hmacKey,
                b.asyncTrace ? TraceSink.Mode.ASYNC : TraceSink.Mode.SYNC);
        this.execution = b.plugins == null ? null : new Execution(b.plugins, Map.copyOf(b.endpoints), b.providerOverride,
                b.callTimeout, io.llmpolicy.plugin.PluginEnvironment.system());
        ReloadResult first = load();
        if (!first.applied()) throw new PolicyLoadException(lastFailure);
        if (b.rebuildBudgetsFromTrace && b.traceDir != null) {
            alerts.mute(true); // thresholds crossed before the restart already fired
            try {
                BudgetRebuild.rebuild(b.traceDir, current.get().plan, store, clock.millis());
            } finally {
                alerts.mute(false);
            }
        }
        if (b.watch) startWatching();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Decides a request. Never blocks on I/O; a request with a malformed attribute throws {@link InvalidRequestException}. */
    public Decision decide(LlmRequest request) {
        return decide(request, null);
    }

    /**
     * Decides into a {@link Decision} the caller owns, for the lowest overhead: reuse one per thread (or per
     * in-flight request) once the previous request was completed. A routing-only policy then allocates nothing per
     * decide. The returned object is {@code into}.
     */
    public Decision decide(LlmRequest request, Decision into) {
        Decision decision = current.get().decide(request, now(request), into);
        if (trace != null && !decision.allowed()) trace.denied(decision, content);
        return decision;
    }

    /** Settles a decided request with what happened: budgets get the real usage, latency averages and cooldowns update. */
    public Outcome complete(Decision decision, LlmResponse response) {
        Outcome o = decider(decision).complete(decision, response);
        if (trace != null && decision.allowed()) trace.completed(decision, response, o, content);
        return o;
    }

    /**
     * After the decision's target failed: releases its reservation and decides the next attempt — a retry of the
     * same model while its rule allows, else the next fallback, with budgets checked again for it.
     */
    public Decision failover(Decision decision, LlmResponse failure, LlmRequest request) {
        Decision next = decider(decision).failover(decision, failure, request);
        if (trace != null && !next.allowed() && decision.allowed()) trace.denied(next, content);
        return next;
    }

    /**
     * Decides and calls the model through its provider plugin, walking the route plan on failures (retries,
     * Retry-After, cooldowns, fallbacks with budgets re-checked), and completes with the real usage — one call.
     * Blocks the calling thread for the model calls; each call is bounded by the call time-out.
     *
     * @throws IllegalStateException when the engine was built without {@code plugins(...)}
     */
    public ExecuteResult execute(LlmRequest request) {
        if (execution == null) throw new IllegalStateException("execute needs model providers: build the engine with plugins(PluginHost)");
        return execution.execute(this, request);
    }

    /**
     * As {@link #execute}, but streams the answer: {@code onText} receives text as soon as the output guardrails know
     * it is clean (or redacted), held back by at most their window; a {@code deny} finding ends the stream, and
     * {@link ExecuteResult#outcome()} says so ({@code blocked()}) and what was released before it. A call that fails
     * before any text was released falls back as {@code execute} does; once text reached the client it cannot be
     * retried transparently, and the result reports the failure.
     */
    public ExecuteResult executeStreaming(LlmRequest request, java.util.function.Consumer<String> onText) {
        if (execution == null) throw new IllegalStateException("executeStreaming needs model providers: build the engine with plugins(PluginHost)");
        return execution.executeStreaming(this, request, onText);
    }

    /** Settles a streamed answer whose output guardrails already ran on the stream. */
    Outcome completeStreamed(Decision decision, LlmResponse response, OutputStream stream) {
        Outcome o = decider(decision).complete(decision, response, true);
        Outcome streamed = new Outcome(o.requestId(), o.success(), o.errorClass(), o.costNanoUsd(), o.inputTokens(), o.outputTokens(),
                o.cachedInputTokens(), o.latencyMillis(), o.budgets(), stream.findings(), stream.releasedText(), stream.blocked(), o.evals());
        if (trace != null && decision.allowed()) trace.completed(decision, response, streamed, content);
        return streamed;
    }

    /** The policy now serving. */
    public PolicyInfo policy() {
        return current.get().info;
    }

    /** The compiled policy now serving (for tools such as {@code explain}). */
    public Plan plan() {
        return current.get().plan;
    }

    public BudgetStore budgetStore() {
        return store;
    }

    /** Re-reads the policy file; on errors the old version keeps serving and the result carries the diagnostics. */
    public ReloadResult reload() {
        return load();
    }

    /**
     * Writes the budget counters to the snapshot file given to the builder (atomically; see docs/budgets.md).
     * Called by {@link #close()}; call it periodically to bound what a crash can lose.
     */
    public void snapshotBudgets() throws IOException {
        if (budgetSnapshot == null) throw new IllegalStateException("no budget snapshot file configured: builder().budgetSnapshot(path)");
        store.snapshot(budgetSnapshot);
    }

    /** Alerts that an alert sink failed to deliver (the sink reports each failure; requests never wait for it). */
    public long alertDeliveryFailures() {
        return alerts.deliveryFailures();
    }

    /** Presets a budget counter for the request's key (tests' {@code given budget ... spent ...}). */
    public void presetBudget(String budget, Usage spent, LlmRequest request) {
        current.get().preset(budget, spent, request, now(request));
    }

    /** "Now" for a request: its own timestamp, else the engine's clock. */
    long now(LlmRequest request) {
        return request.timestamp() != null ? request.timestamp().toEpochMilli() : clock.millis();
    }

    Decider currentDecider() {
        return current.get();
    }

    private Decider decider(Decision decision) {
        Decider d = current.get();
        return d.plan == decision.plan ? d : new Decider(decision.plan, store, alerts, bindings);
    }

    private PolicyLoader.Result lastFailure;

    private synchronized ReloadResult load() {
        PolicyLoader.Result result = PolicyLoader.load(policyFile);
        if (!result.ok()) {
            lastFailure = result;
            StringBuilder rendered = new StringBuilder();
            result.diagnostics().forEach(d -> rendered.append(result.render(d)));
            Decider serving = current.get();
            return new ReloadResult(false, serving == null ? null : serving.info, result.diagnostics(), rendered.toString());
        }
        CheckedPolicy checked = result.policy();
        Plan plan;
        try {
            scripts.limits(checked.scripts()); // refuses settings above this engine's ceiling
            plan = PolicyCompiler.compile(checked, slots, bindings.functions(checked.scripts()));
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            // the policy checks, but does not fit what is loaded (a plugin function's signature, a missing file)
            Decider serving = current.get();
            if (serving == null) throw new IllegalStateException("cannot load " + policyFile + ": " + e.getMessage(), e);
            return new ReloadResult(false, serving.info, result.diagnostics(), e.getMessage() + "\n");
        }
        Decider next = new Decider(plan, store, alerts, bindings);
        if (trace != null) content = trace.contentPolicy(plan);
        current.set(next);
        scripts.retire(checked.scripts());
        return new ReloadResult(true, next.info, result.diagnostics(), "");
    }

    private void startWatching() {
        try {
            WatchService ws = FileSystems.getDefault().newWatchService();
            Path dir = policyFile.toAbsolutePath().getParent();
            dir.register(ws, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
            watchService = ws;
            Thread t = new Thread(() -> watch(ws), "llmpolicy-watch");
            t.setDaemon(true);
            t.start();
            watcher = t;
        } catch (IOException e) {
            throw new IllegalStateException("cannot watch " + policyFile + ": " + e.getMessage(), e);
        }
    }

    private void watch(WatchService ws) {
        try {
            while (true) {
                WatchKey key = ws.take();
                boolean policyChanged = key.pollEvents().stream()
                        .anyMatch(e -> e.context() instanceof Path p && p.toString().endsWith(".llmpolicy"));
                key.reset();
                if (policyChanged) load();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        WatchService ws = watchService;
        if (ws != null) {
            try {
                ws.close();
            } catch (IOException ignored) {
                // closing a watch service only fails if it is already closed
            }
        }
        Thread t = watcher;
        if (t != null) t.interrupt();
        if (trace != null) trace.close();
        scripts.close();
        if (budgetSnapshot != null) {
            try {
                store.snapshot(budgetSnapshot);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot snapshot budgets to " + budgetSnapshot, e);
            }
        }
    }

    /** Options for an engine. Not thread-safe; build once. */
    public static final class Builder {
        private Path policy;
        private Clock clock = Clock.systemUTC();
        private BudgetStore store;
        private AlertListener alerts = AlertListener.NONE;
        private boolean watch;
        private java.util.function.Consumer<io.llmpolicy.eval.online.Alert> evalAlerts;
        private io.llmpolicy.plugin.AlertSink alertSink;
        private Path traceDir;
        private Path budgetSnapshot;
        private io.llmpolicy.script.ScriptLimits scriptDefaults = ScriptBindings.DEFAULTS;
        private io.llmpolicy.script.ScriptLimits scriptCeiling = ScriptBindings.LANGUAGE_CEILING;
        private boolean asyncTrace;
        private boolean rebuildBudgetsFromTrace;
        private io.llmpolicy.plugin.host.PluginHost plugins;
        private final java.util.Map<String, io.llmpolicy.plugin.EndpointConfig> endpoints = new java.util.HashMap<>();
        private String providerOverride;
        private java.time.Duration callTimeout = java.time.Duration.ofSeconds(60);
        private String hmacKeyId;
        private byte[] hmacKey;

        public Builder policy(Path file) { this.policy = file; return this; }
        /** The time source for requests without a timestamp (default: system UTC clock). */
        public Builder clock(Clock c) { this.clock = Objects.requireNonNull(c); return this; }
        /** Where budget counters live (default: in memory). */
        public Builder budgetStore(BudgetStore s) { this.store = s; return this; }
        /** Receives budget alerts (default store only). */
        public Builder alerts(AlertListener l) { this.alerts = Objects.requireNonNull(l); return this; }
        /** Receives eval alerts ({@code alert when pass_rate < 95% over 1h}), once per window. */
        public Builder evalAlerts(java.util.function.Consumer<io.llmpolicy.eval.online.Alert> l) { this.evalAlerts = l; return this; }
        /** Also deliver every budget and eval alert to this sink (for example the webhook plugin's), asynchronously. */
        public Builder alertSink(io.llmpolicy.plugin.AlertSink sink) { this.alertSink = sink; return this; }
        /** Reload automatically when a .llmpolicy file in the policy's directory changes. */
        public Builder watch(boolean w) { this.watch = w; return this; }

        /** Restore budget counters from this file at build (when it exists) and write them back at close. */
        public Builder budgetSnapshot(Path file) { this.budgetSnapshot = file; return this; }
        /** Write every completed request and every denial to a Chronicle Queue trace in {@code dir} (docs/trace-schema.md). */
        public Builder traceDir(Path dir) { this.traceDir = dir; return this; }
        /**
         * Write trace records on a background thread (the request thread only builds them). Faster, but records
         * still queued when the process dies are lost; the default writes on the request thread, so a completed
         * request's record survives a crash. {@code close()} drains the queue.
         */
        public Builder asyncTrace(boolean async) { this.asyncTrace = async; return this; }
        /**
         * Limits of script calls: {@code defaults} apply to what a policy's {@code scripts} block leaves out (and
         * give the context pool size); a policy asking for more than {@code ceiling} in any setting is refused at
         * load. Defaults: 100,000 statements, 1 s, 64 MiB per call; ceiling: the language's maxima (100M
         * statements, 60 s, 4 GB). See docs/scripting.md.
         */
        public Builder scriptLimits(io.llmpolicy.script.ScriptLimits defaults, io.llmpolicy.script.ScriptLimits ceiling) {
            this.scriptDefaults = java.util.Objects.requireNonNull(defaults, "defaults");
            this.scriptCeiling = java.util.Objects.requireNonNull(ceiling, "ceiling");
            return this;
        }

        /**
         * At build, count again every budget charge the trace (in {@link #traceDir}) recorded within the policy's
         * longest window: budgets survive a restart without a snapshot. Alerts are not fired again.
         */
        public Builder rebuildBudgetsFromTrace(boolean rebuild) { this.rebuildBudgetsFromTrace = rebuild; return this; }
        /** The key for policies that store trace content as {@code hash} (HMAC-SHA256); at least 16 bytes. */
        public Builder traceHmacKey(String keyId, byte[] secret) { this.hmacKeyId = keyId; this.hmacKey = secret.clone(); return this; }

        /** Model providers (and other extensions) for {@link #execute}; the engine does not close the host. */
        public Builder plugins(io.llmpolicy.plugin.host.PluginHost host) { this.plugins = host; return this; }
        /** Endpoint settings (base URL, key variable, headers, options) for a provider name used in the policy. */
        public Builder endpoint(String providerName, io.llmpolicy.plugin.EndpointConfig config) { endpoints.put(providerName, config); return this; }
        /** Serve every provider of the policy with this provider type (for example {@code mock} in a demo). */
        public Builder providerOverride(String providerType) { this.providerOverride = providerType; return this; }
        /** Deadline of one model call (default 60 s). */
        public Builder callTimeout(java.time.Duration t) { this.callTimeout = t; return this; }

        /** @throws PolicyLoadException when the policy has errors (the message shows the diagnostics) */
        public PolicyEngine build() {
            Objects.requireNonNull(policy, "policy file");
            return new PolicyEngine(this);
        }
    }
}

package io.llmpolicy.engine;

import io.llmpolicy.engine.budget.BudgetKey;
import io.llmpolicy.engine.budget.BudgetStore;
import io.llmpolicy.engine.budget.Limits;
import io.llmpolicy.engine.budget.Rejected;
import io.llmpolicy.engine.budget.Reservation;
import io.llmpolicy.engine.budget.ReserveResult;
import io.llmpolicy.engine.budget.Usage;
import io.llmpolicy.engine.compile.EvalContext;
import io.llmpolicy.engine.compile.Node;
import io.llmpolicy.engine.compile.Plan;
import io.llmpolicy.engine.price.Money;
import io.llmpolicy.engine.route.runtime.CircuitBreaker;
import io.llmpolicy.engine.route.runtime.LatencyTracker;
import io.llmpolicy.engine.tokens.TokenCounter;
import io.llmpolicy.engine.tokens.TokenEncoding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Decides and settles requests for one compiled {@link Plan}. Immutable apart from the shared, thread-safe
 * runtime state it is given (budget store, latency averages, cooldowns), so any number of threads may use it.
 *
 * <p>Pipeline of {@link #decide}: bind attributes → route (first applicable route, first matching statement)
 * → downgrades → candidate chain (target + fallbacks) minus models whose context window is too small → skip
 * models cooling down → reserve every applicable budget for the candidate (a budget refusing a per-model key
 * moves on to the next candidate; {@code downgrade to} switches model; otherwise deny).
 */
final class Decider {
    private static final long DEFAULT_OUTPUT_ESTIMATE = 256;

    final Plan plan;
    final PolicyInfo info;
    private final BudgetStore store;
    private final TokenCounter tokens = TokenCounter.shared();
    private final LatencyTracker latency;
    private final CircuitBreaker[] breakers;
    private final EvalContext.BudgetUsage budgetUsage = this::percentUsed;
    private final PluginBindings bindings;
    /** {@code List.of(name)} for every rule name, shared by decisions. */
    private final Map<String, List<String>> ruleNames;
    /** Online aggregates of evals with pass-rate alerts, by eval name. */
    private final java.util.Map<String, List<io.llmpolicy.eval.online.EvalWindows>> evalWindows;
    /** Precomputed so that the common cases allocate nothing: one-model chains and the aliases of each chain's fallbacks. */
    private final int[][] single;
    private final java.util.IdentityHashMap<int[], List<String>> fallbackAliases = new java.util.IdentityHashMap<>();

    Decider(Plan plan, BudgetStore store) {
        this(plan, store, null);
    }

    Decider(Plan plan, BudgetStore store, Alerts alerts) {
        this(plan, store, alerts, new PluginBindings(null));
    }

    Decider(Plan plan, BudgetStore store, Alerts alerts, PluginBindings bindings) {
        this.plan = plan;
        this.bindings = bindings;
        this.evalWindows = evalWindows(plan, alerts);
        this.info = new PolicyInfo(plan.name(), plan.version(), plan.hash());
        this.store = store;
        this.latency = new LatencyTracker(plan.models().size(), 0.2, 1000.0);
        this.breakers = new CircuitBreaker[plan.models().size()];
        for (Plan.ModelInfo m : plan.models()) {
            long cooldown = 0;
            for (Plan.Route r : plan.routes()) {
                Plan.Fallback f = r.fallbackByModel()[m.index()];
                if (f != null) cooldown = Math.max(cooldown, f.cooldownMillis());
            }
            breakers[m.index()] = new CircuitBreaker(1, Duration.ofMillis(Math.max(1, cooldown)), cooldown > 0 ? 1 : Integer.MAX_VALUE,
                    Duration.ofMinutes(10));
        }
        Map<String, List<String>> names = new java.util.HashMap<>();
        for (Plan.Route r : plan.routes()) names.put(r.name(), List.of(r.name()));
        for (Plan.Budget b : plan.budgets()) names.put(b.name(), List.of(b.name()));
        this.ruleNames = Map.copyOf(names);
        this.single = new int[plan.models().size()][];
        for (Plan.ModelInfo m : plan.models()) {
            single[m.index()] = new int[] {m.index()};
            fallbackAliases.put(single[m.index()], List.of());
        }
        for (Plan.Route r : plan.routes()) {
            for (Plan.Fallback f : r.fallbackByModel()) {
                if (f == null || fallbackAliases.containsKey(f.chain())) continue;
                List<String> aliases = new ArrayList<>();
                for (int i = 1; i < f.chain().length; i++) aliases.add(plan.models().get(f.chain()[i]).alias());
                fallbackAliases.put(f.chain(), List.copyOf(aliases));
            }
        }
    }

    EvalContext context(LlmRequest request, long now) {
        return context(request, now, null);
    }

    private EvalContext context(LlmRequest request, long now, Decision.Reuse reuse) {
        EvalContext ctx;
        if (reuse == null) {
            ctx = new EvalContext();
            ctx.values = RequestBinder.bind(plan, request);
        } else {
            ctx = reuse.context;
            ctx.reset();
            if (reuse.values.length < plan.slotCount()) reuse.values = new Object[plan.slotCount()];
            ctx.values = RequestBinder.bind(plan, request, reuse.values);
        }
        ctx.requestId = request.id();
        ctx.requestedModel = request.model();
        ctx.prompt = request.prompt();
        ctx.inputTokens = request.inputTokens();
        ctx.messages = request.inputTokens() >= 0 ? List.of() : request.messages(); // a supplied count is used for every model
        ctx.maxTokens = request.maxTokens();
        ctx.nowMillis = now;
        ctx.budgetUsage = budgetUsage;
        return ctx;
    }

    Decision decide(LlmRequest request, long now) {
        return decide(request, now, null);
    }

    /**
     * Decides into {@code into} when given (a decision the caller reuses): then the common path — routing without
     * budgets, guardrails or notes — allocates nothing.
     */
    Decision decide(LlmRequest request, long now, Decision into) {
        Decision.Reuse reuse = null;
        if (into != null) {
            if (into.reuse == null) into.reuse = new Decision.Reuse();
            reuse = into.reuse;
        }
        EvalContext ctx = context(request, now, reuse);
        Notes notes = reuse != null ? reuse.notes.reset() : new Notes();
        notes.into = into;
        notes.singletons = ruleNames;
        Guards.Result input = Guards.Result.NONE;
        if (!plan.guards().isEmpty()) {
            List<String> texts = new ArrayList<>(request.messages().size());
            for (Message m : request.messages()) texts.add(m.content());
            input = Guards.run(plan, false, texts, ctx, bindings);
            notes.rules.addAll(input.fired());
            notes.monitor.addAll(input.notes());
            if (input.denyReason() != null) {
                notes.reasons.add(input.denyReason());
                return withInput(denied(request, ctx, notes, List.of()), input, request);
            }
        }
        return withInput(route(request, ctx, notes), input, request);
    }

    private static Decision withInput(Decision d, Guards.Result input, LlmRequest request) {
        d.findings = input.findings();
        if (input.texts() != null && input.redacted(request.messages().stream().map(Message::content).toList())) {
            List<Message> redacted = new ArrayList<>(request.messages().size());
            for (int i = 0; i < request.messages().size(); i++) redacted.add(new Message(request.messages().get(i).role(), input.texts().get(i)));
            d.redactedMessages = List.copyOf(redacted);
        }
        return d;
    }

    private Decision route(LlmRequest request, EvalContext ctx, Notes notes) {
        Plan.Route route = null;
        int target = -1;
        for (int ri : plan.routeIndex().candidates(ctx)) {
            Plan.Route r = plan.routes().get(ri);
            if (r.when() != null && !r.when().bool(ctx)) continue;
            int t = -1;
            for (Plan.RouteStatement s : r.statements()) {
                if (s.condition() == null || s.condition().bool(ctx)) {
                    t = choose(s.target(), ctx);
                    break;
                }
            }
            if (t < 0) continue;
            if (r.monitor()) {
                notes.monitor.add("would route to " + alias(t) + " (route " + r.name() + ")");
                continue;
            }
            route = r;
            target = t;
            break;
        }
        if (route == null) {
            notes.reasons.add("no route matches this request");
            return denied(request, ctx, notes, List.of());
        }
        notes.rules.add(route.name());
        for (Plan.DowngradeRule d : route.downgrades()) {
            if (d.from() == target && d.condition().bool(ctx)) {
                notes.reasons.add("downgraded " + alias(d.from()) + " -> " + alias(d.to()));
                target = d.to();
            }
        }
        return place(request, ctx, notes, route, chain(route, target), 0, 1, java.util.Set.of());
    }

    /**
     * Picks the first usable candidate of {@code chain} from {@code start} and reserves its budgets. Models in
     * {@code failed} already failed for this request and are never chosen again (a budget downgrade cannot lead back
     * to them), so every request makes a bounded number of attempts.
     */
    private Decision place(LlmRequest request, EvalContext ctx, Notes notes, Plan.Route route, int[] chain, int start, int attempt,
                           java.util.Set<Integer> failed) {
        int[] fitting = without(fitting(chain, start, ctx, notes), failed);
        if (fitting.length == 0) return denied(request, ctx, notes, List.of());
        boolean allCooling = false;
        int pos = -1;
        for (int i = 0; i < fitting.length; i++) {
            if (breakers[fitting[i]].isAvailable(0, ctx.nowMillis)) {
                pos = i;
                break;
            }
            notes.reasons.add(alias(fitting[i]) + " is cooling down after failures");
        }
        if (pos < 0) {
            allCooling = true;
            long soonest = Long.MAX_VALUE;
            for (int i = 0; i < fitting.length; i++) {
                long until = breakers[fitting[i]].coolingUntil(0);
                if (until < soonest) {
                    soonest = until;
                    pos = i;
                }
            }
            notes.reasons.add("every candidate is cooling down; trying " + alias(fitting[pos]) + ", which recovers first");
        }
        java.util.Set<String> softened = plan.budgets().isEmpty() ? java.util.Set.of() : new java.util.HashSet<>(2);
        while (pos < fitting.length) {
            int candidate = fitting[pos];
            BudgetOutcome b = reserve(ctx, candidate, notes, softened);
            if (b.rejectedBy == null) {
                int[] rest = pos == 0 ? fitting : Arrays.copyOfRange(fitting, pos, fitting.length);
                return allowed(request, ctx, notes, candidate, rest, b.reservations, allCooling, route, attempt);
            }
            Plan.Budget budget = b.rejectedBy;
            String why = "budget " + budget.name() + " exceeded (" + describe(b.rejection) + ")";
            if (budget.action() == Plan.OnExceeded.DOWNGRADE && !softened.contains(budget.name())) {
                // Past the limit, the budget's traffic goes to the cheaper model and keeps counting: a soft limit.
                softened.add(budget.name());
                notes.rules.add(budget.name());
                if (budget.downgradeTo() == candidate) {
                    notes.reasons.add(why + ": already on " + alias(candidate));
                    continue;
                }
                notes.reasons.add(why + ": downgraded " + alias(candidate) + " -> " + alias(budget.downgradeTo()));
                fitting = without(fitting(chain(route, budget.downgradeTo()), 0, ctx, notes), failed);
                pos = 0;
                if (fitting.length == 0) return denied(request, ctx, notes, b.states);
                continue;
            }
            if (budget.scopeUsesTarget() && pos + 1 < fitting.length) {
                notes.reasons.add(why + " for " + alias(candidate) + "; trying " + alias(fitting[pos + 1]));
                pos++;
                continue;
            }
            notes.rules.add(budget.name());
            notes.reasons.add(0, budget.denyReason());
            notes.reasons.add(why);
            return denied(request, ctx, notes, b.states);
        }
        return denied(request, ctx, notes, List.of());
    }

    private record BudgetOutcome(List<Reservation> reservations, Plan.Budget rejectedBy, Rejected rejection,
                                 List<BudgetState> states) {}

    /**
     * Reserves every applicable budget for {@code candidate}. Budgets in {@code softened} already downgraded this
     * request: they keep counting its spend but no longer refuse it (a downgrade is a soft limit).
     */
    private static final BudgetOutcome NOTHING_RESERVED = new BudgetOutcome(List.of(), null, null, List.of());

    private BudgetOutcome reserve(EvalContext ctx, int candidate, Notes notes, java.util.Set<String> softened) {
        ctx.target = candidate;
        if (plan.budgets().isEmpty()) return NOTHING_RESERVED;
        List<Reservation> held = new ArrayList<>(plan.budgets().size() + 1);
        List<String> fired = new ArrayList<>(2);
        for (Plan.Budget b : plan.budgets()) {
            if (b.when() != null && !b.when().bool(ctx)) continue;
            String[] scope = scope(b, ctx);
            Usage amount = estimate(b, candidate, ctx);
            boolean monitor = b.action() == Plan.OnExceeded.MONITOR || softened.contains(b.name());
            for (Plan.BudgetLimit l : b.limits()) {
                BudgetKey key = BudgetKey.of(l.keyName(), scope);
                if (monitor) {
                    Reservation r = store.charge(key, l.window(), amount, l.limits(), ctx.nowMillis);
                    held.add(r);
                    if (r.overLimit() != null && b.action() == Plan.OnExceeded.MONITOR) notes.monitor.add("would deny: budget " + b.name() + " exceeded (" + describe(r.overLimit()) + ")");
                    continue;
                }
                ReserveResult result = store.reserve(key, l.window(), amount, l.limits(), ctx.nowMillis);
                if (result instanceof Reservation r) {
                    held.add(r);
                } else {
                    Rejected rejected = (Rejected) result;
                    List<BudgetState> states = List.of(state(b, l, scope, rejected));
                    for (Reservation r : held) store.release(r, ctx.nowMillis);
                    return new BudgetOutcome(List.of(), b, rejected, states);
                }
            }
            fired.add(b.name());
        }
        notes.rules.addAll(fired);
        return new BudgetOutcome(held, null, null, List.of());
    }

    private static String describe(Rejected r) {
        String unit = r.dimension().jsonName();
        if (unit.contains("usd")) return "spent " + Money.formatUsd(r.used()) + " of " + Money.formatUsd(r.limit()) + ", this request needs " + Money.formatUsd(r.requested());
        return "used " + r.used() + " of " + r.limit() + " " + unit + ", this request needs " + r.requested();
    }

    String[] scope(Plan.Budget b, EvalContext ctx) {
        String[] values = new String[b.scope().length];
        for (int i = 0; i < values.length; i++) {
            Node n = b.scope()[i];
            Object v = n.value(ctx);
            if (v instanceof Long l && b.scopeIsModel()[i]) v = alias(l.intValue());
            values[i] = v == null ? "" : v instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : v.toString();
        }
        return values;
    }

    /** What a request reserves: prompt tokens (counted with the model's encoding) plus max_tokens or the estimate. */
    Usage estimate(Plan.Budget b, int model, EvalContext ctx) {
        Plan.ModelInfo m = plan.models().get(model);
        long in = inputTokensFor(m, ctx);
        long out = ctx.maxTokens >= 0 ? ctx.maxTokens : b == null ? DEFAULT_OUTPUT_ESTIMATE : b.outputEstimate();
        long cost = Money.saturatingAdd(Money.costNanoUsd(in, m.inputPico()), Money.costNanoUsd(out, m.outputPico()));
        return new Usage(in + out, cost, 1);
    }

    /**
     * Prompt tokens as the model counts them: a count the caller supplied; else an exact count with the model's encoding
     * when it is public (o200k for GPT-4o and newer, cl100k for GPT-4/3.5), else the documented estimator
     * (ceil(UTF-8 bytes / 4) plus per-message framing). Counted at most once per encoding per request.
     */
    long inputTokensFor(Plan.ModelInfo m, EvalContext ctx) {
        if (ctx.inputTokens >= 0 && ctx.messages.isEmpty()) return ctx.inputTokens; // supplied by the caller
        TokenEncoding encoding = encoding(m);
        if (encoding == TokenEncoding.O200K_BASE) return ctx.inputTokens();
        if (encoding == TokenEncoding.CL100K_BASE) {
            if (ctx.cl100kTokens < 0) ctx.cl100kTokens = tokens.countChat(TokenEncoding.CL100K_BASE, ctx.messages);
            return ctx.cl100kTokens;
        }
        if (ctx.estimatedTokens < 0) ctx.estimatedTokens = tokens.countChat(TokenEncoding.ESTIMATE, ctx.messages);
        return ctx.estimatedTokens;
    }

    static TokenEncoding encoding(Plan.ModelInfo m) {
        if (m.encoding() == null) return TokenEncoding.forModel(m.providerModel());
        return switch (m.encoding()) {
            case "o200k_base" -> TokenEncoding.O200K_BASE;
            case "cl100k_base" -> TokenEncoding.CL100K_BASE;
            default -> TokenEncoding.ESTIMATE;
        };
    }

    private static int[] without(int[] models, java.util.Set<Integer> failed) {
        if (failed.isEmpty()) return models;
        return Arrays.stream(models).filter(m -> !failed.contains(m)).toArray();
    }

    private int[] fitting(int[] chain, int start, EvalContext ctx, Notes notes) {
        if (start == 0) {
            boolean anyTooSmall = false;
            for (int m : chain) {
                long window = plan.models().get(m).contextWindow();
                if (window > 0 && ctx.inputTokens() + Math.max(0, ctx.maxTokens) > window) anyTooSmall = true;
            }
            if (!anyTooSmall) return chain; // nothing to skip: keep the plan's own array (no copy, known aliases)
        }
        int[] out = new int[chain.length - start];
        int n = 0;
        for (int i = start; i < chain.length; i++) {
            Plan.ModelInfo m = plan.models().get(chain[i]);
            long needed = ctx.inputTokens() + Math.max(0, ctx.maxTokens);
            if (m.contextWindow() > 0 && needed > m.contextWindow()) {
                notes.reasons.add("skipped " + m.alias() + ": needs " + needed + " tokens, context window is " + m.contextWindow());
                continue;
            }
            out[n++] = chain[i];
        }
        if (n == 0) notes.reasons.add("no candidate model has a context window for " + (ctx.inputTokens() + Math.max(0, ctx.maxTokens)) + " tokens");
        if (n == out.length && start == 0) return chain; // nothing skipped: keep the plan's own array (no copy, known aliases)
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private int[] chain(Plan.Route route, int target) {
        Plan.Fallback f = route.fallbackByModel()[target];
        return f == null ? single[target] : f.chain();
    }

    private int choose(Plan.Target t, EvalContext ctx) {
        return switch (t) {
            case Plan.Single s -> s.model();
            case Plan.Split s -> {
                Object key = s.key() == null ? ctx.requestId : s.key().value(ctx);
                String k = key == null ? "" : key.toString();
                yield s.models()[s.split().armOf(s.hash(), k)];
            }
            case Plan.Choose c -> c.strategy() == Plan.Strategy.LEAST_LATENCY ? c.models()[latency.fastest(c.models(), c.models().length)]
                    : cheapest(c.models(), ctx);
        };
    }

    private int cheapest(int[] models, EvalContext ctx) {
        int best = models[0];
        long bestCost = Long.MAX_VALUE;
        for (int m : models) {
            long cost = estimate(null, m, ctx).nanoUsd();
            if (cost < bestCost) {
                bestCost = cost;
                best = m;
            }
        }
        return best;
    }

    private String alias(int model) {
        return plan.models().get(model).alias();
    }

    /** {@code budget(name)}: the highest share of any of the budget's limits used for this request's key. */
    private double percentUsed(int budgetIndex, EvalContext ctx) {
        Plan.Budget b = plan.budgets().get(budgetIndex);
        String[] scope = scope(b, ctx);
        double max = 0;
        for (Plan.BudgetLimit l : b.limits()) {
            Usage u = store.usage(BudgetKey.of(l.keyName(), scope), l.window(), ctx.nowMillis);
            max = Math.max(max, percent(u, l.limits()));
        }
        return max;
    }

    private static double percent(Usage u, Limits l) {
        double p = 0;
        if (l.tokens() != Limits.UNLIMITED) p = Math.max(p, 100.0 * u.tokens() / Math.max(1, l.tokens()));
        if (l.nanoUsd() != Limits.UNLIMITED) p = Math.max(p, 100.0 * u.nanoUsd() / Math.max(1, l.nanoUsd()));
        if (l.requests() != Limits.UNLIMITED) p = Math.max(p, 100.0 * u.requests() / Math.max(1, l.requests()));
        return p;
    }

    List<BudgetState> states(List<Reservation> reservations, long now) {
        List<BudgetState> out = new ArrayList<>(reservations.size());
        for (Reservation r : reservations) {
            Usage u = store.usage(r.key(), r.window(), now);
            out.add(state(r.key(), windowText(r.window()), u, r.limits()));
        }
        return out;
    }

    /** Window texts by window: computed once per distinct window (a plan has a handful), not per request. */
    private static final java.util.concurrent.ConcurrentHashMap<io.llmpolicy.engine.budget.BudgetWindow, String> WINDOW_TEXT =
            new java.util.concurrent.ConcurrentHashMap<>();

    static String windowText(io.llmpolicy.engine.budget.BudgetWindow w) {
        if (w instanceof io.llmpolicy.engine.budget.CalendarWindow c && c.zone().equals(java.time.ZoneOffset.UTC)) {
            return c.unit().text(); // the common case, without a map lookup
        }
        return WINDOW_TEXT.computeIfAbsent(w, window -> switch (window) {
            case io.llmpolicy.engine.budget.CalendarWindow c -> c.unit().text() + " " + c.zone().getId();
            case io.llmpolicy.engine.budget.RollingWindow r -> "rolling " + r.duration().toString().substring(2).toLowerCase(java.util.Locale.ROOT);
        });
    }

    private BudgetState state(Plan.Budget b, Plan.BudgetLimit l, String[] scope, Rejected rejected) {
        return new BudgetState(b.name(), String.join("/", scope), windowText(l.window()), rejected.dimension().jsonName(), rejected.used(),
                rejected.limit(), "exceeded");
    }

    static BudgetState state(BudgetKey key, String window, Usage u, Limits l) {
        String dim = "requests";
        long spent = u.requests(), limit = l.requests();
        double best = -1;
        if (l.nanoUsd() != Limits.UNLIMITED && 1.0 * u.nanoUsd() / Math.max(1, l.nanoUsd()) > best) {
            best = 1.0 * u.nanoUsd() / Math.max(1, l.nanoUsd());
            dim = "nano_usd"; spent = u.nanoUsd(); limit = l.nanoUsd();
        }
        if (l.tokens() != Limits.UNLIMITED && 1.0 * u.tokens() / Math.max(1, l.tokens()) > best) {
            best = 1.0 * u.tokens() / Math.max(1, l.tokens());
            dim = "tokens"; spent = u.tokens(); limit = l.tokens();
        }
        if (l.requests() != Limits.UNLIMITED && 1.0 * u.requests() / Math.max(1, l.requests()) > best) {
            dim = "requests"; spent = u.requests(); limit = l.requests();
        }
        String name = key.budget().contains("@") ? key.budget().substring(0, key.budget().indexOf('@')) : key.budget();
        String state = spent > limit ? "exceeded" : "ok";
        int[] alerts = l.alertThresholdsBps();
        if (state.equals("ok") && alerts.length > 0 && limit != Limits.UNLIMITED && spent * 10_000L >= (long) alerts[0] * limit) state = "alert";
        return new BudgetState(name, key.scopeText(), window, dim, spent, limit, state);
    }

    private Decision allowed(LlmRequest request, EvalContext ctx, Notes notes, int target, int[] chain,
                             List<Reservation> reservations, boolean allCooling, Plan.Route route, int attempt) {
        ctx.target = target;
        List<String> fallbacks = fallbackAliases.get(chain);
        if (fallbacks == null) {
            List<String> list = new ArrayList<>(chain.length - 1);
            for (int i = 1; i < chain.length; i++) list.add(alias(chain[i]));
            fallbacks = List.copyOf(list);
        }
        List<BudgetState> states = reservations.isEmpty() ? List.of() : states(reservations, ctx.nowMillis);
        List<Reservation> held = reservations.isEmpty() ? List.of() : List.copyOf(reservations);
        Decision d;
        if (notes.into != null) {
            d = notes.into;
            d.set(request.id(), Decision.Action.ALLOW, plan.models().get(target), fallbacks, notes.rules(), notes.reasons(),
                    notes.monitor(), states, info, ctx.nowMillis, allCooling, plan, ctx, held, chain, 1, attempt);
        } else {
            d = new Decision(request.id(), Decision.Action.ALLOW, plan.models().get(target), fallbacks, notes.rules(),
                    notes.reasons(), notes.monitor(), states, info, ctx.nowMillis, allCooling, plan, ctx, held, chain, 1, attempt);
        }
        d.request = request;
        return d;
    }

    private Decision denied(LlmRequest request, EvalContext ctx, Notes notes, List<BudgetState> states) {
        Decision d;
        if (notes.into != null) {
            d = notes.into;
            d.set(request.id(), Decision.Action.DENY, null, List.of(), notes.rules(), notes.reasons(), notes.monitor(), states, info,
                    ctx.nowMillis, false, plan, ctx, List.of(), NO_CHAIN, 0, 1);
        } else {
            d = new Decision(request.id(), Decision.Action.DENY, null, List.of(), notes.rules(), notes.reasons(), notes.monitor(),
                    states, info, ctx.nowMillis, false, plan, ctx, List.of(), NO_CHAIN, 0, 1);
        }
        d.request = request;
        return d;
    }

    Outcome complete(Decision d, LlmResponse response) {
        return complete(d, response, false);
    }

    /** @param outputGuarded the output already went through the streaming guardrails (do not scan it again) */
    Outcome complete(Decision d, LlmResponse response, boolean outputGuarded) {
        long now = d.timestampMillis() + Math.max(0, response.latencyMillis());
        if (!d.allowed()) {
            return new Outcome(d.requestId(), false, "denied", 0, 0, 0, 0, response.latencyMillis(), d.budgets(), List.of(), null, null, List.of());
        }
        int target = d.chain[0];
        if (response.failed()) {
            for (Reservation r : d.reservations) store.release(r, now);
            String error = response.effectiveErrorClass();
            recordFailure(d, target, error, response.retryAfterMillis(), now);
            return new Outcome(d.requestId(), false, error, 0, 0, 0, 0, response.latencyMillis(), states(d.reservations, now),
                    List.of(), null, null, List.of());
        }
        Plan.ModelInfo m = plan.models().get(target);
        long cached = Math.min(response.cachedInputTokens(), response.inputTokens());
        long cost = cost(m, response.inputTokens(), cached, response.outputTokens());
        Usage actual = new Usage(response.inputTokens() + response.outputTokens(), cost, 1);
        for (Reservation r : d.reservations) store.settle(r, actual, now);
        if (response.latencyMillis() >= 0) latency.record(target, response.latencyMillis());
        breakers[target].recordSuccess(0);
        String output = response.content();
        Guards.Result out = Guards.Result.NONE;
        if (!outputGuarded && !plan.guards().isEmpty() && output != null) {
            EvalContext ctx = d.context;
            ctx.output = output;
            ctx.target = target;
            out = Guards.run(plan, true, List.of(output), ctx, bindings);
            if (out.texts() != null) output = out.texts().get(0);
        }
        List<EvalResult> evals = evals(d, response, cost);
        return new Outcome(d.requestId(), true, null, cost, response.inputTokens(), response.outputTokens(), cached,
                response.latencyMillis(), states(d.reservations, now), out.findings(), out.denyReason() != null ? null : output,
                out.denyReason(), evals);
    }

    /**
     * One tumbling-window aggregate per eval and window length, over its assertions plus one entry per score (always
     * "passing", carrying the score's value) so that {@code mean(score)} and {@code p95(score)} can be watched.
     */
    private static java.util.Map<String, List<io.llmpolicy.eval.online.EvalWindows>> evalWindows(Plan plan, Alerts alerts) {
        java.util.Map<String, List<io.llmpolicy.eval.online.EvalWindows>> out = new java.util.HashMap<>();
        if (alerts == null) return out;
        for (io.llmpolicy.engine.compile.EvalPlan e : plan.evals()) {
            List<String> labels = new ArrayList<>(e.assertions().stream().map(io.llmpolicy.engine.compile.EvalPlan.Assertion::label).toList());
            labels.addAll(e.scoreNames());
            if (labels.stream().distinct().count() != labels.size()) continue; // duplicate labels cannot be tracked apart
            java.util.Map<Long, List<io.llmpolicy.eval.online.AlertCondition>> byWindow = new java.util.TreeMap<>();
            for (io.llmpolicy.engine.compile.EvalPlan.OnlineAlert a : e.alerts()) {
                io.llmpolicy.eval.online.AlertCondition.Comparison cmp = switch (a.comparison()) {
                    case "<" -> io.llmpolicy.eval.online.AlertCondition.Comparison.LT;
                    case "<=" -> io.llmpolicy.eval.online.AlertCondition.Comparison.LE;
                    case ">" -> io.llmpolicy.eval.online.AlertCondition.Comparison.GT;
                    default -> io.llmpolicy.eval.online.AlertCondition.Comparison.GE;
                };
                io.llmpolicy.eval.online.AlertCondition condition;
                boolean latency = "latency".equals(a.subject());
                if (a.metric().equals("pass_rate")) {
                    condition = io.llmpolicy.eval.online.AlertCondition.ofEval(io.llmpolicy.eval.online.AlertCondition.Metric.PASS_RATE, cmp, a.threshold(), 1);
                } else if (latency) {
                    condition = io.llmpolicy.eval.online.AlertCondition.ofEval(a.metric().equals("mean")
                            ? io.llmpolicy.eval.online.AlertCondition.Metric.MEAN_LATENCY : io.llmpolicy.eval.online.AlertCondition.Metric.P95_LATENCY,
                            cmp, a.threshold(), 1);
                } else {
                    condition = io.llmpolicy.eval.online.AlertCondition.ofAssertion(a.subject(), a.metric().equals("mean")
                            ? io.llmpolicy.eval.online.AlertCondition.Metric.MEAN_SCORE : io.llmpolicy.eval.online.AlertCondition.Metric.P95_SCORE,
                            cmp, a.threshold(), 1);
                }
                byWindow.computeIfAbsent(a.windowMillis(), k -> new ArrayList<>()).add(condition);
            }
            for (java.util.Map.Entry<Long, List<io.llmpolicy.eval.online.AlertCondition>> w : byWindow.entrySet()) {
                out.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(new io.llmpolicy.eval.online.EvalWindows(e.name(),
                        List.copyOf(labels), Duration.ofMillis(w.getKey()), List.copyOf(w.getValue()), alerts::eval));
            }
        }
        return out;
    }

    /** Online evals: each samples by a hash of the request id, then checks its assertions on the answer. */
    private List<EvalResult> evals(Decision d, LlmResponse response, long cost) {
        if (plan.evals().isEmpty()) return List.of();
        EvalContext ctx = d.context;
        ctx.output = response.content() == null ? "" : response.content();
        ctx.latencyMillis = response.latencyMillis();
        ctx.costNanoUsd = cost;
        ctx.target = d.chain[0];
        List<EvalResult> results = new ArrayList<>();
        for (io.llmpolicy.engine.compile.EvalPlan e : plan.evals()) {
            if (e.when() != null && !e.when().bool(ctx)) continue;
            if (!io.llmpolicy.eval.Sampler.sampled(d.requestId(), e.sampleRatePpm(), e.name())) continue;
            double[] scores = new double[e.scoreNames().size()];
            for (int i = 0; i < scores.length; i++) { // plugin scorers, through the plugin boundary; NaN when not loaded
                scores[i] = bindings.score(e.scorers().get(i), d.messages(), ctx.output, ctx.expected, "eval " + e.name());
            }
            ctx.scores = scores;
            List<io.llmpolicy.eval.AssertionResult> forWindows = new ArrayList<>(e.assertions().size());
            for (io.llmpolicy.engine.compile.EvalPlan.Assertion a : e.assertions()) {
                boolean pass = a.condition().bool(ctx);
                results.add(new EvalResult(e.name(), a.label(), pass, pass ? 1.0 : 0.0, pass ? "pass" : "fail"));
                forWindows.add(new io.llmpolicy.eval.AssertionResult(pass, pass ? 1.0 : 0.0, pass ? "pass" : "fail", a.label()));
            }
            for (int i = 0; i < scores.length; i++) {
                double v = scores[i] >= 0 && scores[i] <= 1 ? scores[i] : Double.NaN; // aggregates take scores in [0, 1]
                forWindows.add(new io.llmpolicy.eval.AssertionResult(true, v, "score", e.scoreNames().get(i)));
            }
            for (io.llmpolicy.eval.online.EvalWindows w : evalWindows.getOrDefault(e.name(), List.of())) {
                w.record(forWindows, response.latencyMillis(), d.timestampMillis() + Math.max(0, response.latencyMillis()));
            }
        }
        return List.copyOf(results);
    }

    /** Cost in nano-USD: uncached input, cached input and output each at the model's price, each rounded up. */
    static long cost(Plan.ModelInfo m, long input, long cached, long output) {
        long c = Money.costNanoUsd(input - cached, m.inputPico());
        c = Money.saturatingAdd(c, Money.costNanoUsd(cached, m.cachedPico()));
        return Money.saturatingAdd(c, Money.costNanoUsd(output, m.outputPico()));
    }

    private void recordFailure(Decision d, int target, String error, long retryAfter, long now) {
        Plan.Fallback f = fallbackOf(d, target);
        if (f != null && f.triggers(error)) breakers[target].recordFailure(0, now, retryAfter);
        else if (retryAfter >= 0) breakers[target].recordFailure(0, now, retryAfter);
    }

    private Plan.Fallback fallbackOf(Decision d, int target) {
        String routeName = d.rules().isEmpty() ? null : d.rules().get(0);
        for (Plan.Route r : plan.routes()) {
            if (r.name().equals(routeName)) return r.fallbackByModel()[target];
        }
        return null;
    }

    /**
     * The next attempt after {@code d}'s target failed: the same model again while its retries last, else the
     * next fallback whose budgets fit. Releases what {@code d} reserved. Denies when the error class does not
     * trigger the fallback or every fallback is used up.
     */
    Decision failover(Decision d, LlmResponse failure, LlmRequest request) {
        Decision next = failoverInner(d, failure, request);
        if (next != d && d.allowed()) {
            List<Decision.FailedAttempt> attempts = new ArrayList<>(d.failedAttempts);
            attempts.add(new Decision.FailedAttempt(d.target(), d.provider(), d.providerModel(), failure.effectiveErrorClass(),
                    failure.latencyMillis()));
            next.failedAttempts = List.copyOf(attempts);
        }
        if (next != d) {
            next.findings = d.findings;
            next.redactedMessages = d.redactedMessages;
        }
        return next;
    }

    private Decision failoverInner(Decision d, LlmResponse failure, LlmRequest request) {
        long now = d.timestampMillis() + Math.max(0, failure.latencyMillis());
        for (Reservation r : d.reservations) store.release(r, now);
        if (!d.allowed()) return d;
        int target = d.chain[0];
        String error = failure.effectiveErrorClass();
        recordFailure(d, target, error, failure.retryAfterMillis(), now);
        Notes notes = new Notes();
        notes.rules.addAll(d.rules().isEmpty() ? List.of() : List.of(d.rules().get(0)));
        Plan.Fallback f = fallbackOf(d, target);
        Plan.Route route = null;
        for (Plan.Route r : plan.routes()) if (!d.rules().isEmpty() && r.name().equals(d.rules().get(0))) route = r;
        EvalContext ctx = d.context;
        ctx.nowMillis = now;
        if (f == null || !f.triggers(error) || route == null) {
            notes.reasons.add(alias(target) + " failed with " + error + ", which no fallback rule names");
            return denied(request, ctx, notes, List.of());
        }
        java.util.Set<Integer> failed = new java.util.HashSet<>();
        for (Decision.FailedAttempt a : d.failedAttempts) failed.add(plan.modelIndex().get(a.target()));
        int triesOnTarget = d.position;
        // Retry the same model while its rule allows; a model that is cooling down is retried only when it is the
        // last candidate left (a cooldown is a guess about health, refusing service on a guess is worse).
        if (triesOnTarget <= f.retries() && (breakers[target].isAvailable(0, now) || d.chain.length <= 1)) {
            notes.reasons.add("retry " + triesOnTarget + " of " + f.retries() + " on " + alias(target) + " after " + error);
            failed.remove(target);
            Decision again = place(request, ctx, notes, route, new int[] {target}, 0, d.attempt + 1, failed);
            return again.allowed() ? withTries(again, triesOnTarget + 1, d.chain) : again;
        }
        if (d.chain.length <= 1) {
            notes.reasons.add("every fallback failed; last error " + error);
            return denied(request, ctx, notes, List.of());
        }
        notes.reasons.add(alias(target) + " failed with " + error + "; falling back");
        failed.add(target);
        return place(request, ctx, notes, route, d.chain, 1, d.attempt + 1, failed);
    }

    /** {@code d} (a retry of the same model) with its count of tries and the chain it continues. */
    private static Decision withTries(Decision d, int position, int[] chain) {
        List<String> fallbacks = new ArrayList<>(chain.length);
        for (int i = 1; i < chain.length; i++) fallbacks.add(d.plan.models().get(chain[i]).alias());
        Decision copy = new Decision(d.requestId(), d.action(), d.plan.models().get(chain[0]), List.copyOf(fallbacks), d.rules(),
                d.reasons(), d.monitorNotes(), d.budgets(), d.policy(), d.timestampMillis(), d.allCoolingDown(), d.plan,
                d.context, d.reservations, chain, position, d.attempt);
        copy.request = d.request;
        return copy;
    }

    /** Decides without keeping anything: reservations are released at once (for explain). */
    Decision decideDryRun(LlmRequest request, long now) {
        Decision d = decide(request, now);
        for (Reservation r : d.reservations) store.release(r, now);
        return d;
    }

    /** A budget's current counters for the request in {@code ctx}, without reserving. */
    List<BudgetState> peek(Plan.Budget b, EvalContext ctx) {
        String[] scope = scope(b, ctx);
        List<BudgetState> out = new ArrayList<>();
        for (Plan.BudgetLimit l : b.limits()) {
            BudgetKey key = BudgetKey.of(l.keyName(), scope);
            out.add(state(key, windowText(l.window()), store.usage(key, l.window(), ctx.nowMillis), l.limits()));
        }
        return out;
    }

    /** Budget counters to preset for a test's {@code given budget NAME spent AMOUNT}. */
    void preset(String budgetName, Usage spent, LlmRequest request, long now) {
        EvalContext ctx = context(request, now);
        Plan.Budget b = plan.budgets().get(plan.budgetIndex().get(budgetName));
        ctx.target = -1;
        for (Plan.BudgetLimit l : b.limits()) {
            store.charge(BudgetKey.of(l.keyName(), scope(b, ctx)), l.window(), spent, l.limits(), now);
        }
    }

    private static final int[] NO_CHAIN = new int[0];

    /** What a decision collects on the way; each list exists only once something is added (the common path adds little). */
    static final class Notes {
        final Bag rules = new Bag(), reasons = new Bag(), monitor = new Bag();
        /** The caller's reused decision, or null. */
        Decision into;
        /** One-element lists of rule names, so a decision naming only its route allocates no list. */
        Map<String, List<String>> singletons = Map.of();

        Notes reset() {
            rules.reset();
            reasons.reset();
            monitor.reset();
            into = null;
            return this;
        }

        List<String> rules() { return rules.list(singletons); }
        List<String> reasons() { return reasons.list(Map.of()); }
        List<String> monitor() { return monitor.list(Map.of()); }
    }

    /** A list that allocates only when it holds more than one element. */
    static final class Bag {
        private String one;
        private List<String> many;

        void add(String s) {
            if (one == null && many == null) one = s;
            else {
                if (many == null) {
                    many = new ArrayList<>(4);
                    many.add(one);
                }
                many.add(s);
            }
        }

        void add(int index, String s) {
            List<String> l = new ArrayList<>(list(Map.of()));
            l.add(index, s);
            one = null;
            many = l;
        }

        void addAll(List<String> all) {
            for (String s : all) add(s);
        }

        boolean isEmpty() {
            return one == null && many == null;
        }

        List<String> list(Map<String, List<String>> singletons) {
            if (many != null) return List.copyOf(many);
            if (one == null) return List.of();
            List<String> cached = singletons.get(one);
            return cached != null ? cached : List.of(one);
        }

        void reset() {
            one = null;
            many = null;
        }
    }
}

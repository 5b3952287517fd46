package io.llmpolicy.engine;

import io.llmpolicy.engine.budget.Reservation;
import io.llmpolicy.engine.compile.EvalContext;
import io.llmpolicy.engine.compile.Plan;
import java.util.List;

/**
 * What the engine decided for one request. Immutable for callers; pass it back to
 * {@link PolicyEngine#complete} (or {@link PolicyEngine#failover}) with what happened.
 *
 * <p>Every decision names the policy that made it ({@link #policy()}: name, version, content hash) and the rules
 * that fired ({@link #rules()}), so a trace can say why.
 */
public final class Decision {
    /** {@code allow} or {@code deny}. */
    public enum Action { ALLOW, DENY }

    /** An earlier attempt of the same request that failed (recorded by {@link PolicyEngine#failover}). */
    public record FailedAttempt(String target, String provider, String providerModel, String errorClass, long latencyMillis) {}

    private String requestId;
    private Action action;
    private Plan.ModelInfo target;
    private List<String> fallbacks;
    private List<String> rules;
    private List<String> reasons;
    private List<String> monitorNotes;
    private List<BudgetState> budgets;
    private PolicyInfo policy;
    private long timestampMillis;
    private boolean allCoolingDown;
    Plan plan;
    EvalContext context;
    List<Reservation> reservations;
    int[] chain;
    /** Tries made on the current target, this one included (1 on the first). */
    int position;
    int attempt;
    List<FailedAttempt> failedAttempts = List.of();
    List<GuardFinding> findings = List.of();
    List<Message> redactedMessages;
    LlmRequest request;

    Decision(String requestId, Action action, Plan.ModelInfo target, List<String> fallbacks, List<String> rules,
             List<String> reasons, List<String> monitorNotes, List<BudgetState> budgets, PolicyInfo policy,
             long timestampMillis, boolean allCoolingDown, Plan plan, EvalContext context, List<Reservation> reservations,
             int[] chain, int position, int attempt) {
        set(requestId, action, target, fallbacks, rules, reasons, monitorNotes, budgets, policy, timestampMillis, allCoolingDown, plan, context, reservations, chain, position, attempt);
    }

    /** A decision to fill with {@link PolicyEngine#decide(LlmRequest, Decision)}; reusable once completed. */
    public Decision() {
    }

    void set(String requestId, Action action, Plan.ModelInfo target, List<String> fallbacks, List<String> rules,
             List<String> reasons, List<String> monitorNotes, List<BudgetState> budgets, PolicyInfo policy,
             long timestampMillis, boolean allCoolingDown, Plan plan, EvalContext context, List<Reservation> reservations,
             int[] chain, int position, int attempt) {
        if (this.requestId != requestId) this.requestId = requestId;
        if (this.action != action) this.action = action;
        if (this.target != target) this.target = target;
        if (this.fallbacks != fallbacks) this.fallbacks = fallbacks;
        if (this.rules != rules) this.rules = rules;
        if (this.reasons != reasons) this.reasons = reasons;
        if (this.monitorNotes != monitorNotes) this.monitorNotes = monitorNotes;
        if (this.budgets != budgets) this.budgets = budgets;
        if (this.policy != policy) this.policy = policy;
        this.timestampMillis = timestampMillis;
        this.allCoolingDown = allCoolingDown;
        if (this.plan != plan) this.plan = plan;
        if (this.context != context) this.context = context;
        if (this.reservations != reservations) this.reservations = reservations;
        if (this.chain != chain) this.chain = chain;
        this.position = position;
        this.attempt = attempt;
        if (!this.failedAttempts.isEmpty()) this.failedAttempts = List.of();
        if (!this.findings.isEmpty()) this.findings = List.of();
        if (this.redactedMessages != null) this.redactedMessages = null;
        if (this.request != null) this.request = null;
    }

    public String requestId() { return requestId; }
    public Action action() { return action; }
    public boolean allowed() { return action == Action.ALLOW; }
    /** Scratch space reused by {@link PolicyEngine#decide(LlmRequest, Decision)}; null for decisions made the ordinary way. */
    Reuse reuse;

    /** What a reused decision keeps between requests so that deciding allocates nothing. */
    static final class Reuse {
        final EvalContext context = new EvalContext();
        Object[] values = new Object[0];
        final Decider.Notes notes = new Decider.Notes();
    }

    /** The model alias to call, or null when denied. */
    public String target() { return target == null ? null : target.alias(); }
    /** The provider of the target ({@code openai}, {@code anthropic}...), or null when denied. */
    public String provider() { return target == null ? null : target.provider(); }
    /** The provider's model id of the target ({@code gpt-4o}), or null when denied. */
    public String providerModel() { return target == null ? null : target.providerModel(); }
    /** Aliases to try next, in order, if the target fails with a class its fallback rule names. */
    public List<String> fallbacks() { return fallbacks; }
    /** Names of the rules that fired: the route, budgets that counted the request, guardrails, downgrades. */
    public List<String> rules() { return rules; }
    /** Why: the deny reason, downgrades, skipped models. */
    public List<String> reasons() { return reasons; }
    /** What monitor-mode rules would have done ("would deny: ..."), never enforced. */
    public List<String> monitorNotes() { return monitorNotes; }
    public List<BudgetState> budgets() { return budgets; }
    public PolicyInfo policy() { return policy; }
    /** The time the decision used as "now" (the request's own timestamp in a replay). */
    public long timestampMillis() { return timestampMillis; }
    /** True when every candidate model was cooling down and the one that recovers first was chosen anyway. */
    public boolean allCoolingDown() { return allCoolingDown; }
    /** What the input guardrails found (detector, message index, code point span, action), never the matched text. */
    public List<GuardFinding> findings() { return findings; }
    /** The messages to send to the model: redacted where an input guardrail redacts, else the request's own. */
    public List<Message> messages() { return redactedMessages != null ? redactedMessages : request == null ? List.of() : request.messages(); }
    /** Earlier failed attempts of this request, oldest first. */
    public List<FailedAttempt> failedAttempts() { return failedAttempts; }
    /** 1 for the first try; counts retries and fallbacks made through {@link PolicyEngine#failover}. */
    public int attempt() { return attempt; }

    @Override
    public String toString() {
        if (action == null) return "Decision[empty]";
        return "Decision[" + requestId + " " + action.name().toLowerCase() + (target == null ? "" : " -> " + target.alias())
                + " fallbacks=" + fallbacks + " rules=" + rules + " reasons=" + reasons + "]";
    }
}

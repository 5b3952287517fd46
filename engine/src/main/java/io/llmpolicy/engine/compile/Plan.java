package io.llmpolicy.engine.compile;

import io.llmpolicy.engine.budget.BudgetWindow;
import io.llmpolicy.engine.budget.Limits;
import io.llmpolicy.engine.route.runtime.StickyHash;
import io.llmpolicy.engine.route.runtime.WeightedSplit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled policy: immutable, shared by every thread that decides with it. Models, budgets and rules are
 * addressed by index; request attributes by slot; every expression is a {@link Node} tree. Produced by
 * {@link PolicyCompiler}; the engine swaps whole plans atomically on reload.
 */
public record Plan(
        String name, String version, String hash,
        List<ModelInfo> models, Map<String, Integer> modelIndex,
        List<Route> routes, RuleIndex routeIndex,
        List<Budget> budgets, Map<String, Integer> budgetIndex,
        List<AttributeSpec> attributes, int slotCount,
        List<GuardPlan> guards, List<EvalPlan> evals,
        TraceConfig trace) {

    /** A declared request attribute: where it lives, its type, and its default (already in run-time form, or null). */
    public record AttributeSpec(String name, int slot, io.llmpolicy.dsl.check.Type type, Object defaultValue, boolean optional) {}

    /** A model of the catalog; prices in pico-USD per token, 0 when unknown; context 0 when unknown. */
    public record ModelInfo(int index, String alias, String provider, String providerModel, long inputPico,
                            long outputPico, long cachedPico, long contextWindow, long maxOutput, String encoding,
                            List<String> tags, boolean priced) {}

    public record Route(int index, String name, Node when, boolean monitor, List<RouteStatement> statements,
                        Fallback[] fallbackByModel, List<DowngradeRule> downgrades) {}

    /** {@code condition} is null for {@code otherwise}. */
    public record RouteStatement(Node condition, Target target, String source) {}

    public sealed interface Target permits Single, Split, Choose {}

    public record Single(int model) implements Target {}

    /** {@code key} is null when the split is keyed by the request id. */
    public record Split(Node key, WeightedSplit split, int[] models, StickyHash hash) implements Target {}

    public enum Strategy { LOWEST_COST, LEAST_LATENCY }

    public record Choose(Strategy strategy, int[] models) implements Target {}

    /** The models to try after {@code chain[0]} fails with one of {@code errorClasses}. */
    public record Fallback(int[] chain, Set<String> errorClasses, int retries, long cooldownMillis) {
        public boolean triggers(String errorClass) {
            return errorClasses.contains("any") || errorClasses.contains(errorClass);
        }
    }

    public record DowngradeRule(int from, int to, Node condition) {}

    public enum OnExceeded { DENY, DOWNGRADE, MONITOR }

    /** {@code scopeIsModel[i]}: scope value i is a model index (printed as its alias in keys). */
    public record Budget(int index, String name, Node[] scope, boolean[] scopeIsModel, boolean scopeUsesTarget, Node when, boolean monitor,
                         List<BudgetLimit> limits, OnExceeded action, String denyReason, int downgradeTo,
                         long outputEstimate) {}

    /** One window of a budget with the limits that apply in it. */
    public record BudgetLimit(String keyName, BudgetWindow window, Limits limits, String describe) {}

    /** What the trace stores of prompt and response text, and which attribute slots it copies. */
    public record TraceConfig(String prompt, String response, List<String> attributes) {
        public static final TraceConfig DEFAULT = new TraceConfig("none", "none", List.of());
    }
}

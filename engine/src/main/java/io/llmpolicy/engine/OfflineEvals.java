package io.llmpolicy.engine;

import io.llmpolicy.dsl.PolicyLoader;
import io.llmpolicy.engine.compile.AttributeSlots;
import io.llmpolicy.engine.compile.EvalContext;
import io.llmpolicy.engine.compile.EvalPlan;
import io.llmpolicy.engine.compile.Plan;
import io.llmpolicy.engine.compile.PolicyCompiler;
import io.llmpolicy.eval.Assertion;
import io.llmpolicy.eval.Eval;
import io.llmpolicy.eval.EvalInput;
import io.llmpolicy.eval.Sampler;
import io.llmpolicy.eval.Score;
import io.llmpolicy.eval.ScorerCheck;
import io.llmpolicy.eval.report.RegressionCriteria;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A policy's {@code eval} rules as offline evals over a golden dataset: every assertion is compiled by the engine
 * and run through the evals module's runner, so offline and online results mean the same thing. Sampling does not
 * apply offline (every line is evaluated).
 */
public final class OfflineEvals implements AutoCloseable {
    private final List<Eval> evals;
    private final Map<String, RegressionCriteria> criteria;
    private final ScriptBindings scripts;

    private OfflineEvals(List<Eval> evals, Map<String, RegressionCriteria> criteria, ScriptBindings scripts) {
        this.evals = evals;
        this.criteria = criteria;
        this.scripts = scripts;
    }

    /** @throws PolicyLoadException when the policy does not check */
    public static OfflineEvals of(Path policyFile) {
        return of(policyFile, null);
    }

    /**
     * @param plugins the plugin host whose scorers ({@code score x using "id"}) and functions the evals use, or null
     * @throws PolicyLoadException when the policy does not check
     * @throws IllegalStateException when a function cannot be bound (a plugin not loaded, a script that fails to load)
     */
    public static OfflineEvals of(Path policyFile, io.llmpolicy.plugin.host.PluginHost plugins) {
        PolicyLoader.Result loaded = PolicyLoader.load(policyFile);
        if (!loaded.ok()) throw new PolicyLoadException(loaded);
        ScriptBindings scripts = new ScriptBindings(loaded.policy().baseDir());
        PluginBindings bindings = new PluginBindings(plugins, scripts);
        Plan plan;
        try {
            plan = PolicyCompiler.compile(loaded.policy(), new AttributeSlots(), bindings.functions(loaded.policy().scripts()));
        } catch (RuntimeException e) {
            scripts.close();
            throw e;
        }
        List<Eval> evals = new ArrayList<>();
        Map<String, RegressionCriteria> criteria = new HashMap<>();
        for (EvalPlan e : plan.evals()) {
            List<Assertion> assertions = new ArrayList<>();
            for (EvalPlan.Assertion a : e.assertions()) {
                assertions.add(new ScorerCheck(a.label(), input -> {
                    boolean pass = a.condition().bool(context(input, e, plan.slotCount(), bindings));
                    return new Score(pass ? 1.0 : 0.0, pass ? "pass" : "fail", pass ? "holds" : "does not hold: " + a.label());
                }, 1.0));
            }
            evals.add(new Eval(e.name(), Sampler.ALWAYS, assertions));
            criteria.put(e.name(), RegressionCriteria.passRateDrop(e.regressionMaxDrop()).withAlpha(e.regressionAlpha()));
        }
        return new OfflineEvals(List.copyOf(evals), Map.copyOf(criteria), scripts);
    }

    /** Frees the script runtime, if the policy's evals use script functions. The evals cannot run afterwards. */
    @Override
    public void close() {
        scripts.close();
    }

    private static EvalContext context(EvalInput input, EvalPlan e, int slots, PluginBindings bindings) {
        EvalContext ctx = new EvalContext();
        ctx.values = new Object[slots]; // request attributes are absent offline: conditions on them are false
        ctx.output = input.output() == null ? "" : input.output();
        ctx.expected = input.expected();
        ctx.prompt = input.input() == null ? "" : input.input();
        ctx.latencyMillis = input.latencyMs();
        ctx.costNanoUsd = input.costNanoUsd();
        ctx.requestId = input.requestId() == null ? "" : input.requestId();
        double[] scores = new double[e.scoreNames().size()];
        List<Message> prompt = input.input() == null ? List.of() : List.of(Message.user(input.input()));
        for (int i = 0; i < scores.length; i++) {
            scores[i] = bindings.score(e.scorers().get(i), prompt, ctx.output, ctx.expected, "eval " + e.name());
        }
        ctx.scores = scores;
        return ctx;
    }

    public List<Eval> evals() {
        return evals;
    }

    /** The regression gate each eval declares ({@code regression max_drop P% alpha A}); a drop of 0 when undeclared. */
    public Function<String, RegressionCriteria> criteria() {
        return name -> criteria.getOrDefault(name, RegressionCriteria.DEFAULT);
    }
}

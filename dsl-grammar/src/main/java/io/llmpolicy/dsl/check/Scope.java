package io.llmpolicy.dsl.check;

import io.llmpolicy.dsl.ast.Decl;
import java.util.LinkedHashMap;
import java.util.Map;

/** Everything a policy (with its imports) declares, by name. Filled by the checker's first pass. */
final class Scope {
    final Map<String, Decl.Const> consts = new LinkedHashMap<>();
    final Map<String, Type> constTypes = new LinkedHashMap<>();
    final Map<String, Decl.Model> models = new LinkedHashMap<>();
    final Map<String, Type> attributes = new LinkedHashMap<>(Builtins.REQUEST_ATTRIBUTES);
    final Map<String, Decl.Attribute> declaredAttributes = new LinkedHashMap<>();
    final Map<String, Decl.Function> functions = new LinkedHashMap<>();
    final Map<String, Decl.Route> routes = new LinkedHashMap<>();
    final Map<String, Decl.Budget> budgets = new LinkedHashMap<>();
    final Map<String, Decl.Guardrail> guardrails = new LinkedHashMap<>();
    final Map<String, Decl.Eval> evals = new LinkedHashMap<>();
    final Map<String, Decl.Test> tests = new LinkedHashMap<>();
    /** Score names of the eval being checked (usable as numbers inside it). */
    Map<String, Decl.Score> scores = Map.of();
    /** Names used by rules, for "unused" warnings. */
    final java.util.Set<String> usedModels = new java.util.HashSet<>();
    final java.util.Set<String> usedConsts = new java.util.HashSet<>();

    /** Rule ids across kinds: the ids decisions report ({@code route.default}, {@code budget.team}, ...). */
    java.util.List<String> ruleNames() {
        java.util.List<String> names = new java.util.ArrayList<>();
        names.addAll(routes.keySet());
        names.addAll(budgets.keySet());
        names.addAll(guardrails.keySet());
        names.addAll(evals.keySet());
        return names;
    }
}

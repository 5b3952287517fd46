package io.llmpolicy.engine.compile;

import io.llmpolicy.dsl.ast.Expr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which rules can apply to a request, found with one hash lookup instead of testing every rule's condition, so
 * decide time stays flat as a policy grows (the idea of OPA's rule indexing).
 *
 * <p>At compile time the attribute that the most rule conditions test for equality ({@code request.team ==
 * "search"}, {@code request.team in ["a", "b"]}, or such a test inside an {@code and}) becomes the index key. For
 * each value it tests, the index holds the ordered list of rules keyed on that value merged with every rule that
 * is not keyed; other values get the unkeyed rules only. Lists are precomputed, so a lookup allocates nothing.
 * Candidates still have their full condition evaluated: the index only skips rules that cannot match.
 */
public final class RuleIndex {
    private final Node key;
    private final Map<Object, int[]> byValue;
    private final int[] unkeyed;
    private final int[] all;

    private RuleIndex(Node key, Map<Object, int[]> byValue, int[] unkeyed, int[] all) {
        this.key = key;
        this.byValue = byValue;
        this.unkeyed = unkeyed;
        this.all = all;
    }

    /** Rules (by position) that may apply to the request in {@code ctx}, in order. */
    public int[] candidates(EvalContext ctx) {
        if (key == null) return all;
        if (key.isNull(ctx)) return unkeyed;
        int[] hit = byValue.get(key.obj(ctx));
        return hit != null ? hit : unkeyed;
    }

    public int keyedValues() {
        return byValue.size();
    }

    /** Builds the index for rules whose applicability conditions are {@code conditions} (null = always). */
    static RuleIndex build(List<Expr> conditions, ExprCompiler compiler) {
        int n = conditions.size();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        Map<String, Integer> votes = new HashMap<>();
        List<Map<String, List<Object>>> keysPerRule = new ArrayList<>();
        for (Expr c : conditions) {
            Map<String, List<Object>> keys = new LinkedHashMap<>();
            if (c != null) collect(c, keys);
            keysPerRule.add(keys);
            for (String attr : keys.keySet()) votes.merge(attr, 1, Integer::sum);
        }
        String best = votes.entrySet().stream().filter(e -> e.getValue() >= 2)
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse(null);
        if (best == null) return new RuleIndex(null, Map.of(), all, all);
        List<Integer> unkeyed = new ArrayList<>();
        Map<Object, List<Integer>> keyed = new HashMap<>();
        for (int i = 0; i < n; i++) {
            List<Object> values = keysPerRule.get(i).get(best);
            if (values == null) unkeyed.add(i);
            else for (Object v : values) keyed.computeIfAbsent(v, k -> new ArrayList<>()).add(i);
        }
        Map<Object, int[]> byValue = new HashMap<>();
        for (Map.Entry<Object, List<Integer>> e : keyed.entrySet()) {
            byValue.put(e.getKey(), merge(e.getValue(), unkeyed));
        }
        return new RuleIndex(compiler.attribute(best), Map.copyOf(byValue), toArray(unkeyed), all);
    }

    private static int[] merge(List<Integer> a, List<Integer> b) {
        List<Integer> out = new ArrayList<>(a.size() + b.size());
        int i = 0, j = 0;
        while (i < a.size() || j < b.size()) {
            if (j == b.size() || (i < a.size() && a.get(i) < b.get(j))) out.add(a.get(i++));
            else out.add(b.get(j++));
        }
        return toArray(out);
    }

    private static int[] toArray(List<Integer> list) {
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) out[i] = list.get(i);
        return out;
    }

    /** Equality tests on string attributes that must hold for the condition to hold. */
    private static void collect(Expr e, Map<String, List<Object>> into) {
        switch (e) {
            case Expr.Logical l when l.op() == Expr.LogicalOp.AND -> {
                for (Expr operand : l.operands()) collect(operand, into);
            }
            case Expr.Binary b when b.op() == Expr.BinaryOp.EQ -> {
                String attr = attribute(b.left());
                if (attr != null && b.right() instanceof Expr.Str s) into.putIfAbsent(attr, List.of(s.value()));
                attr = attribute(b.right());
                if (attr != null && b.left() instanceof Expr.Str s) into.putIfAbsent(attr, List.of(s.value()));
            }
            case Expr.In in when !in.negated() -> {
                String attr = attribute(in.element());
                if (attr != null && in.collection() instanceof Expr.ListLit list
                        && list.items().stream().allMatch(x -> x instanceof Expr.Str)) {
                    into.putIfAbsent(attr, list.items().stream().map(x -> (Object) ((Expr.Str) x).value()).toList());
                }
            }
            default -> { }
        }
    }

    private static String attribute(Expr e) {
        return e instanceof Expr.Member m && m.target() instanceof Expr.RequestRoot ? m.member().text() : null;
    }
}

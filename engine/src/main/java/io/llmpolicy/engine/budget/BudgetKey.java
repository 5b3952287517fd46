package io.llmpolicy.engine.budget;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Identifies one counter: a budget and the values of its scope attributes for a request (for a budget scoped
 * "per team and user": {@code ["search", "u42"]}). Immutable and thread-safe; the hash is computed once.
 *
 * <p>The budget is identified by its name, not by its position in a compiled policy: snapshots outlive a process
 * and counters outlive a reload, and a position would silently move spend to another budget when budgets are
 * reordered. A renamed budget starts from zero.
 */
public final class BudgetKey {

    private final String budget;
    private final String[] scope;
    private final int hash;
    /** {@link #scopeText()}, computed on first use (a benign race, like {@link String#hashCode()}). */
    private String scopeText;

    private BudgetKey(String budget, String[] scope) {
        this.budget = budget;
        this.scope = scope;
        this.hash = budget.hashCode() * 31 + Arrays.hashCode(scope);
    }

    /**
     * A key for {@code budget} with these scope values (none for a global budget).
     *
     * @throws NullPointerException if the budget name or a scope value is null (use {@code ""} for a missing
     *     attribute)
     */
    public static BudgetKey of(String budget, String... scope) {
        Objects.requireNonNull(budget, "budget");
        String[] copy = scope.clone();
        for (int i = 0; i < copy.length; i++) {
            Objects.requireNonNull(copy[i], () -> "scope value of budget '" + budget + "' is null");
        }
        return new BudgetKey(budget, copy);
    }

    /** A key from a list of scope values. */
    public static BudgetKey of(String budget, List<String> scope) {
        return of(budget, scope.toArray(String[]::new));
    }

    /** The budget's name. */
    public String budget() {
        return budget;
    }

    /** The scope values joined with {@code /} ({@code "search/u42"}), as traces, alerts and states show a key. */
    public String scopeText() {
        String t = scopeText;
        if (t == null) {
            t = scope.length == 1 ? scope[0] : String.join("/", scope);
            scopeText = t;
        }
        return t;
    }

    /** The scope values, in the budget's scope order. */
    public List<String> scope() {
        return List.of(scope);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof BudgetKey other && hash == other.hash && budget.equals(other.budget)
                && Arrays.equals(scope, other.scope));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** {@code budget[v1,v2]}, as reports show it. */
    @Override
    public String toString() {
        return scope.length == 0 ? budget : budget + Arrays.toString(scope).replace(", ", ",");
    }
}

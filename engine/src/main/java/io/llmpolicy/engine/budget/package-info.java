/**
 * Budgets: windows, counters and reservations, independent of the policy language.
 *
 * <p>A budget counts {@link io.llmpolicy.engine.budget.Usage} (tokens, nano-USD, requests) per
 * {@link io.llmpolicy.engine.budget.BudgetKey} (budget name + scope values) over a
 * {@link io.llmpolicy.engine.budget.BudgetWindow} and compares it with
 * {@link io.llmpolicy.engine.budget.Limits}. The engine reserves at decide time, settles with the real usage at
 * complete time, and releases on failure, through a {@link io.llmpolicy.engine.budget.BudgetStore}
 * ({@link io.llmpolicy.engine.budget.InMemoryBudgetStore} by default). The exact semantics, including the largest
 * possible overspend under concurrency, are in {@code docs/budgets.md}.
 */
package io.llmpolicy.engine.budget;

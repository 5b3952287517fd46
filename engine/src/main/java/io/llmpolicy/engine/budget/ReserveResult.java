package io.llmpolicy.engine.budget;

/** Outcome of {@link BudgetStore#reserve}: admitted ({@link Reservation}) or refused ({@link Rejected}). */
public sealed interface ReserveResult permits Reservation, Rejected {
}

package io.llmpolicy.engine.budget;

/** What a budget limit counts. */
public enum BudgetDimension {
    /** Tokens: prompt, cached prompt and output tokens together. */
    TOKENS("tokens"),
    /** Money in nano-USD. */
    COST("nano_usd"),
    /** Requests. */
    REQUESTS("requests");

    private static final BudgetDimension[] VALUES = values();

    private final String jsonName;

    BudgetDimension(String jsonName) {
        this.jsonName = jsonName;
    }

    /** Field name in snapshots and reports ({@code tokens}, {@code nano_usd}, {@code requests}). */
    public String jsonName() {
        return jsonName;
    }

    static BudgetDimension of(int ordinal) {
        return VALUES[ordinal];
    }

    static BudgetDimension fromJsonName(String name) {
        for (BudgetDimension d : VALUES) {
            if (d.jsonName.equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown budget dimension '" + name + "'");
    }
}

package io.llmpolicy.engine.compile;

/**
 * Everything an expression can read while one request is decided or completed. Created per request and
 * confined to the thread that decides it; fields are filled as the pipeline learns them (the target after
 * routing, the output at completion).
 */
public final class EvalContext {
    /** Request attribute values by slot (see {@link AttributeSlots}); null entries are absent attributes. */
    public Object[] values;
    public String requestId = "";
    public String requestedModel;
    public String prompt = "";
    /** Prompt tokens, counted on first use (see {@link #inputTokens()}); -1 until then. */
    public long inputTokens = -1;
    /** Prompt tokens in the cl100k encoding and by the estimator, counted on first use for models that need them. */
    public long cl100kTokens = -1, estimatedTokens = -1;
    /** The messages whose tokens {@link #inputTokens()} counts on first use (o200k encoding). */
    public java.util.List<? extends io.llmpolicy.engine.tokens.ChatMessageText> messages = java.util.List.of();
    /** max_tokens of the request, or -1 when absent. */
    public long maxTokens = -1;
    /** Index of the routed model, or -1 before routing. */
    public int target = -1;
    public String output;
    public String expected;
    public long latencyMillis = -1;
    public long costNanoUsd = -1;
    public double passRate = Double.NaN;
    /** Score values by score index of the eval being evaluated. */
    public double[] scores;
    public long nowMillis;
    /** Budget usage for {@code budget(name)}: answers a percentage of the limit used for this request's key. */
    public BudgetUsage budgetUsage;

    /** The last plugin or script call evaluated and its result (see Functions.ExternalCall). */
    public Object externalNode, externalValue;
    /** Plugin or script calls that failed for this request (they count as absent values), and the last reason. */
    public int externalFailures;
    public String lastExternalFailure;

    /** Back to the state of a new context (for a reused decision). */
    public void reset() {
        // Reference stores into a long-lived (reused) object cost a GC write barrier each: store only what changed.
        if (values != null) values = null;
        if (!"".equals(requestId)) requestId = "";
        if (requestedModel != null) requestedModel = null;
        if (!"".equals(prompt)) prompt = "";
        inputTokens = -1;
        cl100kTokens = -1;
        estimatedTokens = -1;
        if (!messages.isEmpty()) messages = java.util.List.of();
        maxTokens = -1;
        target = -1;
        if (output != null) output = null;
        if (expected != null) expected = null;
        latencyMillis = -1;
        costNanoUsd = -1;
        passRate = Double.NaN;
        if (scores != null) scores = null;
        nowMillis = 0;
        if (budgetUsage != null) budgetUsage = null;
        if (externalNode != null) externalNode = null;
        if (externalValue != null) externalValue = null;
        externalFailures = 0;
        if (lastExternalFailure != null) lastExternalFailure = null;
    }

    /** The prompt's token count, counting it once on first use. */
    public long inputTokens() {
        if (inputTokens < 0) {
            inputTokens = io.llmpolicy.engine.tokens.TokenCounter.shared()
                    .countChat(io.llmpolicy.engine.tokens.TokenEncoding.O200K_BASE, messages);
        }
        return inputTokens;
    }

    /** Looks up the share of a budget used for the current request. */
    @FunctionalInterface
    public interface BudgetUsage {
        double percentUsed(int budgetIndex, EvalContext ctx);
    }
}

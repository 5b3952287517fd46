package io.llmpolicy.eval;

/**
 * Passes when the whole answer, ignoring surrounding whitespace, is exactly one JSON value (RFC 8259: object,
 * array, string, number, {@code true}, {@code false} or {@code null}). Strict: no comments, single quotes,
 * trailing commas, {@code NaN}, or Markdown code fences; use {@link ContainsJson} to find JSON embedded in prose.
 */
public record IsJson() implements Assertion {

    @Override
    public String kind() {
        return "is-json";
    }

    @Override
    public String describe() {
        return "is-json";
    }

    @Override
    public AssertionResult evaluate(EvalInput input) {
        String error = JsonText.strictParseError(input.output());
        return error == null ? AssertionResult.check(true, "output is valid JSON") : AssertionResult.check(false, error);
    }
}

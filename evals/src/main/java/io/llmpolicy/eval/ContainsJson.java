package io.llmpolicy.eval;

/**
 * Passes when some substring of the answer is a strict JSON object or array (for example JSON inside a Markdown
 * code fence or after a sentence of prose). Any container counts, including a small one such as {@code [1]} in
 * prose. The search is linear for ordinary and deeply nested input; on adversarial input it stops after a work
 * budget of 16 character visits per input character and fails with an explanation that says so.
 */
public record ContainsJson() implements Assertion {

    @Override
    public String kind() {
        return "contains-json";
    }

    @Override
    public String describe() {
        return "contains-json";
    }

    @Override
    public AssertionResult evaluate(EvalInput input) {
        JsonText.Span span = JsonText.findContainer(input.output());
        if (span.found()) {
            String what = input.output().charAt(span.start()) == '{' ? "object" : "array";
            return AssertionResult.check(true, "found a JSON " + what + " at char offsets [" + span.start() + ", "
                    + span.end() + ")");
        }
        if (span.gaveUp()) return AssertionResult.check(false, "gave up searching for JSON: work budget exhausted");
        return AssertionResult.check(false, "no JSON object or array found in the output");
    }
}

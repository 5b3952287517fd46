package io.llmpolicy.eval;

/**
 * Passes when the answer equals the reference exactly (same UTF-16 code units; no trimming, no case folding).
 * The reference is the literal given here, or the input's {@code expected} text when {@code reference} is null;
 * without either the check fails with an undefined score.
 */
public record EqualsText(String reference) implements Assertion {

    @Override
    public String kind() {
        return "equals";
    }

    @Override
    public String describe() {
        return reference == null ? "equals expected" : "equals " + Texts.quote(reference);
    }

    @Override
    public AssertionResult evaluate(EvalInput input) {
        String ref = Texts.reference(reference, input);
        if (ref == null) return AssertionResult.undefined("no reference: neither a literal nor an expected text");
        boolean same = input.output().equals(ref);
        if (same) return AssertionResult.check(true, "output equals the reference");
        int i = 0;
        String out = input.output();
        int limit = Math.min(out.length(), ref.length());
        while (i < limit && out.charAt(i) == ref.charAt(i)) i++;
        return AssertionResult.check(false, "output differs from the reference at char offset " + i
                + " (lengths " + out.length() + " and " + ref.length() + ")");
    }
}

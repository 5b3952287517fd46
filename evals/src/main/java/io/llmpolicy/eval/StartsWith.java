package io.llmpolicy.eval;

import java.util.Objects;

/** Passes when the answer starts with {@code prefix} exactly (case-sensitive; leading whitespace counts). */
public record StartsWith(String prefix) implements Assertion {

    public StartsWith {
        Objects.requireNonNull(prefix, "prefix");
    }

    @Override
    public String kind() {
        return "starts-with";
    }

    @Override
    public String describe() {
        return "starts-with " + Texts.quote(prefix);
    }

    @Override
    public AssertionResult evaluate(EvalInput input) {
        boolean ok = input.output().startsWith(prefix);
        return AssertionResult.check(ok,
                (ok ? "output starts with " : "output does not start with ") + Texts.quote(prefix));
    }
}

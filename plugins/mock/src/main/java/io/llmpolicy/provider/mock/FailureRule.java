package io.llmpolicy.provider.mock;

import io.llmpolicy.plugin.ErrorClass;
import java.time.Duration;
import java.util.Optional;

/**
 * One scripted failure: {@code fail.KIND.MODEL = AMOUNT:CLASS[:RETRY]}. {@code amount} is a call count for
 * {@link Kind#FIRST} and a fraction for the others.
 */
record FailureRule(Kind kind, String model, double amount, ErrorClass errorClass, Optional<Duration> retryAfter) {

    enum Kind { FIRST, FRACTION, MIDSTREAM }

    boolean appliesTo(String requestModel) {
        return model.equals("*") || model.equals(requestModel);
    }

    static FailureRule parse(String key, String value) {
        String[] k = key.split("\\.", 3);
        if (k.length != 3 || k[2].isEmpty()) {
            throw bad(key, value, "expected fail.first|fraction|midstream.MODEL");
        }
        Kind kind = switch (k[1]) {
            case "first" -> Kind.FIRST;
            case "fraction" -> Kind.FRACTION;
            case "midstream" -> Kind.MIDSTREAM;
            default -> throw bad(key, value, "unknown failure kind '" + k[1] + "' (first, fraction, midstream)");
        };
        String[] v = value.split(":");
        if (v.length < 2 || v.length > 3) {
            throw bad(key, value, "expected AMOUNT:CLASS[:RETRY_AFTER]");
        }
        double amount;
        try {
            amount = Double.parseDouble(v[0].strip());
        } catch (NumberFormatException e) {
            throw bad(key, value, "'" + v[0] + "' is not a number");
        }
        if (kind == Kind.FIRST ? amount < 0 || amount != Math.rint(amount) : amount < 0 || amount > 1) {
            throw bad(key, value, kind == Kind.FIRST ? "the count must be a whole number >= 0" : "the fraction must be in [0, 1]");
        }
        ErrorClass c;
        try {
            c = ErrorClass.fromPolicyName(v[1].strip());
        } catch (IllegalArgumentException e) {
            throw bad(key, value, e.getMessage());
        }
        Optional<Duration> retry = v.length == 3 ? Optional.of(MockSettings.duration(key, v[2])) : Optional.empty();
        return new FailureRule(kind, k[2], amount, c, retry);
    }

    private static IllegalArgumentException bad(String key, String value, String why) {
        return new IllegalArgumentException("mock option " + key + "=" + value + ": " + why);
    }
}

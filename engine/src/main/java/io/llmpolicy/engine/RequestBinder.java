package io.llmpolicy.engine;

import io.llmpolicy.dsl.check.Type;
import io.llmpolicy.engine.compile.Plan;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Converts a request's metadata into attribute slots, by the types the policy declares. Runs once per decide,
 * before any rule, so rules read typed values and never look up names.
 */
final class RequestBinder {
    private RequestBinder() {}

    static Object[] bind(Plan plan, LlmRequest request) {
        return bind(plan, request, new Object[plan.slotCount()]);
    }

    /**
     * Binds into {@code values} (at least {@code plan.slotCount()} long). Every slot the plan declares is written (so
     * nothing of a previous request survives); slots only other policy versions use are never read by this plan.
     * Unchanged slots are not rewritten: a store into a reused array costs a GC write barrier.
     */
    static Object[] bind(Plan plan, LlmRequest request, Object[] values) {
        Map<String, Object> metadata = request.metadata();
        for (Plan.AttributeSpec spec : plan.attributes()) {
            Object raw = metadata.get(spec.name());
            Object v = raw == null ? spec.defaultValue() : convert(plan, spec.name(), spec.type(), raw);
            if (values[spec.slot()] != v) values[spec.slot()] = v;
        }
        return values;
    }

    static Object convert(Plan plan, String name, Type type, Object raw) {
        switch (type.kind()) {
            case STRING -> {
                if (raw instanceof String || raw instanceof Number || raw instanceof Boolean) return raw.toString();
            }
            case NUMBER, PERCENT -> {
                if (raw instanceof Number n) return n.doubleValue();
                if (raw instanceof String s) {
                    try {
                        return Double.parseDouble(s.endsWith("%") ? s.substring(0, s.length() - 1) : s);
                    } catch (NumberFormatException e) {
                        throw new InvalidRequestException(name, "expected a number, got \"" + s + "\"");
                    }
                }
            }
            case BOOL -> {
                if (raw instanceof Boolean) return raw;
                if ("true".equals(raw) || "false".equals(raw)) return Boolean.valueOf((String) raw);
            }
            case TOKENS, REQUESTS, DURATION -> {
                if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.longValue();
            }
            case MONEY -> {
                if (raw instanceof Number || raw instanceof String) {
                    String text = raw.toString().replace("$", "").replace(",", "");
                    try {
                        return new BigDecimal(text).movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
                    } catch (NumberFormatException | ArithmeticException e) {
                        throw new InvalidRequestException(name, "expected an amount of US dollars, got " + raw);
                    }
                }
            }
            case MODEL -> {
                Integer index = raw instanceof String s ? plan.modelIndex().get(s) : null;
                if (index != null) return (long) index;
                throw new InvalidRequestException(name, "expected a model alias of the policy, got " + raw);
            }
            case LIST -> {
                if (raw instanceof List<?> list && type.element().kind() == Type.Kind.STRING && allStrings(list)) {
                    return list; // already in run-time form (the request's metadata map is immutable)
                }
                if (raw instanceof List<?> list) {
                    List<Object> out = new ArrayList<>(list.size());
                    for (Object item : list) {
                        if (item != null) out.add(convert(plan, name, type.element(), item));
                    }
                    return out;
                }
                if (raw instanceof String s && type.element().kind() == Type.Kind.STRING) return List.of(s);
            }
            default -> { }
        }
        throw new InvalidRequestException(name, "expected " + type + ", got " + describe(raw));
    }

    private static boolean allStrings(List<?> list) {
        for (int i = 0, n = list.size(); i < n; i++) if (!(list.get(i) instanceof String)) return false;
        return true;
    }

    private static String describe(Object raw) {
        if (raw instanceof String s) return "the string \"" + s + "\"";
        if (raw instanceof List<?>) return "a list";
        if (raw instanceof Map<?, ?>) return "an object";
        return raw.getClass().getSimpleName().toLowerCase() + " " + raw;
    }
}

package io.llmpolicy.plugin;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The closed set of value types a {@link PolicyFunction} may take and return, as the policy language spells them,
 * and the Java type each is passed as:
 *
 * <table>
 *   <caption>Policy types and their Java representation</caption>
 *   <tr><th>type</th><th>Java</th></tr>
 *   <tr><td>{@code string}</td><td>{@link String}</td></tr>
 *   <tr><td>{@code number}</td><td>{@link Double}</td></tr>
 *   <tr><td>{@code bool}</td><td>{@link Boolean}</td></tr>
 *   <tr><td>{@code tokens}</td><td>{@link Long}</td></tr>
 *   <tr><td>{@code money}</td><td>{@link BigDecimal}, in US dollars (exact)</td></tr>
 *   <tr><td>{@code duration}</td><td>{@link Duration}</td></tr>
 *   <tr><td>{@code list<T>}</td><td>{@link List} of T's representation</td></tr>
 * </table>
 *
 * Immutable.
 *
 * @param kind    the kind
 * @param element the element type for {@link Kind#LIST}, {@code null} otherwise
 */
public record ValueType(Kind kind, ValueType element) {

    public enum Kind { STRING, NUMBER, BOOL, TOKENS, MONEY, DURATION, LIST }

    public static final ValueType STRING = new ValueType(Kind.STRING, null);
    public static final ValueType NUMBER = new ValueType(Kind.NUMBER, null);
    public static final ValueType BOOL = new ValueType(Kind.BOOL, null);
    public static final ValueType TOKENS = new ValueType(Kind.TOKENS, null);
    public static final ValueType MONEY = new ValueType(Kind.MONEY, null);
    public static final ValueType DURATION = new ValueType(Kind.DURATION, null);

    public ValueType {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.LIST) != (element != null)) {
            throw new IllegalArgumentException(kind == Kind.LIST ? "list needs an element type" : kind + " has no element type");
        }
    }

    public static ValueType list(ValueType element) {
        return new ValueType(Kind.LIST, Objects.requireNonNull(element, "element"));
    }

    /**
     * Parses a type as policies write it: {@code string}, {@code number}, {@code bool}, {@code tokens},
     * {@code money}, {@code duration}, {@code list<string>}, {@code list} (= {@code list<string>}).
     *
     * @throws IllegalArgumentException naming the accepted types
     */
    public static ValueType parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith("list<") && t.endsWith(">")) {
            return list(parse(t.substring(5, t.length() - 1)));
        }
        return switch (t) {
            case "string" -> STRING;
            case "number" -> NUMBER;
            case "bool" -> BOOL;
            case "tokens" -> TOKENS;
            case "money" -> MONEY;
            case "duration" -> DURATION;
            case "list" -> list(STRING);
            default -> throw new IllegalArgumentException("unknown value type '" + text
                    + "'; expected string, number, bool, tokens, money, duration or list<T>");
        };
    }

    /**
     * Checks that {@code value} is of this type and returns it in canonical form (an {@code Integer} for
     * {@code tokens} becomes a {@code Long}, any non-decimal {@code Number} for {@code number} a {@code Double},
     * a list an unmodifiable copy).
     *
     * @throws IllegalArgumentException saying what was expected and what was found
     */
    public Object coerce(Object value) {
        Object v = switch (kind) {
            case STRING -> value instanceof String ? value : null;
            case BOOL -> value instanceof Boolean ? value : null;
            case NUMBER -> value instanceof Double || value instanceof Float || value instanceof Long
                    || value instanceof Integer || value instanceof Short || value instanceof Byte
                    ? (Object) ((Number) value).doubleValue() : null;
            case TOKENS -> value instanceof Long || value instanceof Integer || value instanceof Short
                    || value instanceof Byte ? (Object) ((Number) value).longValue() : null;
            case MONEY -> value instanceof BigDecimal ? value : null;
            case DURATION -> value instanceof Duration ? value : null;
            case LIST -> value instanceof List<?> l ? coerceList(l) : null;
        };
        if (v == null) {
            throw new IllegalArgumentException("expected " + this + " but got "
                    + (value == null ? "null" : value.getClass().getSimpleName() + " " + abbreviate(value)));
        }
        return v;
    }

    private List<Object> coerceList(List<?> l) {
        List<Object> out = new ArrayList<>(l.size());
        for (Object o : l) {
            out.add(element.coerce(o));
        }
        return List.copyOf(out);
    }

    private static String abbreviate(Object value) {
        String s = String.valueOf(value);
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    @Override
    public String toString() {
        return kind == Kind.LIST ? "list<" + element + ">" : kind.name().toLowerCase(Locale.ROOT);
    }
}

package io.llmpolicy.dsl.check;

/**
 * Static types of expressions. Quantities carry their unit in the kind, so {@code tokens < $5} is a unit
 * mismatch found by the checker, not a runtime surprise. {@link Kind#ERROR} marks an expression that already
 * produced a diagnostic; it is compatible with everything so one mistake reports once.
 */
public record Type(Kind kind, Type element) {
    public enum Kind { STRING, NUMBER, BOOL, TOKENS, REQUESTS, MONEY, DURATION, PERCENT, MODEL, LIST, NULL, ERROR }

    public static final Type STRING = new Type(Kind.STRING, null);
    public static final Type NUMBER = new Type(Kind.NUMBER, null);
    public static final Type BOOL = new Type(Kind.BOOL, null);
    public static final Type TOKENS = new Type(Kind.TOKENS, null);
    public static final Type REQUESTS = new Type(Kind.REQUESTS, null);
    public static final Type MONEY = new Type(Kind.MONEY, null);
    public static final Type DURATION = new Type(Kind.DURATION, null);
    public static final Type PERCENT = new Type(Kind.PERCENT, null);
    public static final Type MODEL = new Type(Kind.MODEL, null);
    public static final Type NULL = new Type(Kind.NULL, null);
    public static final Type ERROR = new Type(Kind.ERROR, null);

    public static Type list(Type element) {
        return new Type(Kind.LIST, element);
    }

    /** Type named in source ({@code string}, {@code list<string>}...), or null when the name is unknown. */
    public static Type named(String name, Type argument) {
        return switch (name) {
            case "string" -> STRING;
            case "number" -> NUMBER;
            case "bool" -> BOOL;
            case "tokens" -> TOKENS;
            case "requests" -> REQUESTS;
            case "money" -> MONEY;
            case "duration" -> DURATION;
            case "percent" -> PERCENT;
            case "model" -> MODEL;
            case "list" -> list(argument == null ? STRING : argument);
            default -> null;
        };
    }

    public static final java.util.List<String> NAMES =
            java.util.List.of("string", "number", "bool", "tokens", "requests", "money", "duration", "percent", "model", "list");

    public boolean isError() {
        return kind == Kind.ERROR;
    }

    public boolean isNumeric() {
        return switch (kind) {
            case NUMBER, TOKENS, REQUESTS, MONEY, DURATION, PERCENT, ERROR -> true;
            default -> false;
        };
    }

    /** Counts accept a bare number: {@code request.input_tokens > 1000} means 1000 tokens. */
    public boolean isCount() {
        return kind == Kind.TOKENS || kind == Kind.REQUESTS;
    }

    /** Whether a value of type {@code other} can be used where this type is expected. */
    public boolean accepts(Type other) {
        if (isError() || other.isError() || other.kind == Kind.NULL) return true;
        if (kind == Kind.LIST && other.kind == Kind.LIST) return element.accepts(other.element);
        if (isCount() && other.kind == Kind.NUMBER) return true;
        return kind == other.kind;
    }

    @Override
    public String toString() {
        return kind == Kind.LIST ? "list<" + element + ">" : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}

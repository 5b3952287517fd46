package io.llmpolicy.script;

import java.util.Locale;

/**
 * The closed set of value types that cross the boundary between a policy and a script function, and how each is
 * represented on both sides. Scripts never see a Java object: every value is copied into a JavaScript primitive or
 * a fresh JavaScript array, and results are copied back.
 *
 * <table>
 *   <caption>Script value types</caption>
 *   <tr><th>type</th><th>policy types</th><th>Java argument</th><th>JavaScript</th><th>Java result</th></tr>
 *   <tr><td>{@link #STRING}</td><td>{@code string}</td><td>{@link String}</td><td>string</td><td>{@link String}</td></tr>
 *   <tr><td>{@link #NUMBER}</td><td>{@code number}, {@code tokens}, {@code money} (nano-USD),
 *       {@code duration} (ms)</td><td>any {@link Byte}, {@link Short}, {@link Integer}, {@link Long},
 *       {@link Float}, {@link Double}</td><td>number</td><td>{@link Double}, never NaN</td></tr>
 *   <tr><td>{@link #BOOL}</td><td>{@code bool}</td><td>{@link Boolean}</td><td>boolean</td><td>{@link Boolean}</td></tr>
 *   <tr><td>{@link #STRING_LIST}</td><td>{@code list<string>}, {@code list}</td><td>{@link java.util.List} of
 *       {@link String}</td><td>Array of strings</td><td>unmodifiable {@code List<String>}</td></tr>
 *   <tr><td>{@link #NUMBER_LIST}</td><td>{@code list<number>} (and of tokens, money, duration)</td>
 *       <td>{@link java.util.List} of numbers as above</td><td>Array of numbers</td>
 *       <td>unmodifiable {@code List<Double>}</td></tr>
 * </table>
 *
 * Numbers are doubles in JavaScript: integers (tokens, nano-USD) are exact up to 2^53 (about 9 million US dollars
 * in nano-USD); the caller converts a {@code Double} result back to its integer type.
 */
public enum ScriptType {
    STRING("string"),
    NUMBER("number"),
    BOOL("bool"),
    STRING_LIST("list<string>"),
    NUMBER_LIST("list<number>");

    private final String policyName;

    ScriptType(String policyName) {
        this.policyName = policyName;
    }

    /** The name a policy writes for this type, for example {@code list<string>}. */
    public String policyName() {
        return policyName;
    }

    /** Whether values of this type are lists. */
    public boolean isList() {
        return this == STRING_LIST || this == NUMBER_LIST;
    }

    /**
     * Maps a policy type name to its script type: {@code string}, {@code number}, {@code bool}, {@code tokens},
     * {@code money}, {@code duration} (the last three cross as numbers), {@code list} (= {@code list<string>}) and
     * {@code list<T>} for any of those element types.
     *
     * @throws IllegalArgumentException naming the accepted types
     */
    public static ScriptType parse(String policyType) {
        String t = policyType == null ? "" : policyType.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        if (t.equals("list")) {
            return STRING_LIST;
        }
        if (t.startsWith("list<") && t.endsWith(">")) {
            ScriptType element = scalar(t.substring(5, t.length() - 1));
            if (element == STRING) {
                return STRING_LIST;
            }
            if (element == NUMBER) {
                return NUMBER_LIST;
            }
            throw new IllegalArgumentException("type '" + policyType + "' cannot cross into a script; lists may hold "
                    + "strings or numbers (tokens, money, duration)");
        }
        ScriptType scalar = scalar(t);
        if (scalar == null) {
            throw new IllegalArgumentException("type '" + policyType + "' cannot cross into a script; expected string, "
                    + "number, bool, tokens, money, duration, list<string> or list<number>");
        }
        return scalar;
    }

    private static ScriptType scalar(String t) {
        return switch (t) {
            case "string" -> STRING;
            case "number", "tokens", "money", "duration" -> NUMBER;
            case "bool" -> BOOL;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return policyName;
    }
}

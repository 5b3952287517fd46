package io.llmpolicy.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The declared signature of a {@link PolicyFunction}: the language checker uses it to resolve calls and check
 * argument and result types before any request runs. Immutable.
 *
 * @param name       the name policies call, for example {@code ticket_priority}; lower case letters, digits and
 *                   underscores, optionally dot-qualified ({@code acme.ticket_priority})
 * @param parameters the parameter types, in order
 * @param returns    the result type
 * @param doc        one line for {@code llmpolicy plugins list} and editor hovers
 */
public record FunctionSignature(String name, List<ValueType> parameters, ValueType returns, String doc) {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");

    public FunctionSignature {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("function name '" + name
                    + "' must be lower case letters, digits and underscores, optionally dot-qualified");
        }
        parameters = List.copyOf(parameters);
        if (returns == null) {
            throw new IllegalArgumentException("function " + name + " needs a return type");
        }
        doc = doc == null ? "" : doc;
    }

    /** Parses {@code "name(string, list<string>) -> number"}; a convenient way to declare a signature. */
    public static FunctionSignature parse(String declaration, String doc) {
        String d = declaration.strip();
        int open = d.indexOf('(');
        int close = d.lastIndexOf(')');
        int arrow = d.indexOf("->", close < 0 ? 0 : close);
        if (open <= 0 || close < open || arrow < 0) {
            throw new IllegalArgumentException("expected 'name(type, ...) -> type' but got '" + declaration + "'");
        }
        List<ValueType> params = new ArrayList<>();
        String inner = d.substring(open + 1, close).strip();
        if (!inner.isEmpty()) {
            int depth = 0;
            int from = 0;
            for (int i = 0; i <= inner.length(); i++) {
                char c = i < inner.length() ? inner.charAt(i) : ',';
                if (c == '<') depth++;
                if (c == '>') depth--;
                if (c == ',' && depth == 0) {
                    params.add(ValueType.parse(inner.substring(from, i)));
                    from = i + 1;
                }
            }
        }
        return new FunctionSignature(d.substring(0, open).strip(), params,
                ValueType.parse(d.substring(arrow + 2)), doc);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(name).append('(');
        for (int i = 0; i < parameters.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(parameters.get(i));
        }
        return s.append(") -> ").append(returns).toString();
    }
}

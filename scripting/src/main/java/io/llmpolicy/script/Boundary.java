package io.llmpolicy.script;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.graalvm.polyglot.Value;

/**
 * Converts values across the script boundary by declared type. Arguments are checked and copied on the Java side
 * before a context is taken (so a bad call costs no context time); lists become JavaScript arrays inside the
 * context ({@link PooledContext#array}). Results are copied out of the context before the call ends: nothing
 * returned to the caller refers to the context. Stateless.
 */
final class Boundary {

    /** A value did not match its declared type; the message says what was expected and found. */
    static final class Mismatch extends RuntimeException {
        Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    private Boundary() {
    }

    /**
     * Checks {@code args} against {@code params} and returns them as Strings, Doubles, Booleans or, for lists,
     * {@code Object[]} of those.
     */
    static Object[] prepareArguments(List<ScriptType> params, Object[] args) {
        int n = args == null ? 0 : args.length;
        if (n != params.size()) {
            throw new Mismatch("expected " + params.size() + " argument" + (params.size() == 1 ? "" : "s") + " "
                    + params + " but got " + n);
        }
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            out[i] = prepare(params.get(i), args[i], i);
        }
        return out;
    }

    private static Object prepare(ScriptType type, Object value, int index) {
        Object v = switch (type) {
            case STRING -> value instanceof String ? value : null;
            case NUMBER -> number(value);
            case BOOL -> value instanceof Boolean ? value : null;
            case STRING_LIST, NUMBER_LIST -> value instanceof List<?> l ? list(type, l, index) : null;
        };
        if (v == null) {
            throw new Mismatch("argument " + (index + 1) + ": expected " + type + " but got " + describe(value));
        }
        return v;
    }

    private static Double number(Object value) {
        return value instanceof Double || value instanceof Long || value instanceof Integer || value instanceof Float
                || value instanceof Short || value instanceof Byte ? ((Number) value).doubleValue() : null;
    }

    private static Object[] list(ScriptType type, List<?> list, int index) {
        Object[] out = new Object[list.size()];
        int i = 0;
        for (Object e : list) {
            Object v = type == ScriptType.STRING_LIST ? (e instanceof String ? e : null) : number(e);
            if (v == null) {
                throw new Mismatch("argument " + (index + 1) + ": expected " + type + " but element " + i + " is "
                        + describe(e));
            }
            out[i++] = v;
        }
        return out;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        String s = String.valueOf(value);
        s = s.length() > 40 ? s.substring(0, 37) + "..." : s;
        return switch (value) {
            case String x -> "string \"" + s + "\"";
            case Boolean x -> "boolean " + s;
            case Number x -> "number " + s + " (" + value.getClass().getSimpleName() + ")";
            default -> "a " + value.getClass().getSimpleName() + " " + s;
        };
    }

    /** Copies a script's result out of the context as the declared type. */
    static Object result(Value v, ScriptType type) {
        Object out = switch (type) {
            case STRING -> v.isString() ? v.asString() : null;
            case NUMBER -> number(v);
            case BOOL -> v.isBoolean() ? v.asBoolean() : null;
            case STRING_LIST, NUMBER_LIST -> v.hasArrayElements() ? list(v, type) : null;
        };
        if (out == null) {
            throw new Mismatch("returned " + describe(v) + " where " + type + " was declared");
        }
        return out;
    }

    private static Double number(Value v) {
        if (!v.isNumber() || !v.fitsInDouble()) {
            return null;
        }
        double d = v.asDouble();
        return Double.isNaN(d) ? null : d;
    }

    private static List<Object> list(Value array, ScriptType type) {
        long size = array.getArraySize();
        if (size > Integer.MAX_VALUE - 8) {
            return null;
        }
        List<Object> out = new ArrayList<>((int) size);
        for (long i = 0; i < size; i++) {
            Value e = array.getArrayElement(i);
            Object o = type == ScriptType.STRING_LIST ? (e.isString() ? e.asString() : null) : number(e);
            if (o == null) {
                throw new Mismatch("returned an array whose element " + i + " is " + describe(e) + " where "
                        + type + " was declared");
            }
            out.add(o);
        }
        return Collections.unmodifiableList(out);
    }

    /** Describes a guest value without running guest code (no toString() on objects). */
    static String describe(Value v) {
        if (v.isNull()) {
            return "null or undefined";
        }
        if (v.isString()) {
            String s = v.asString();
            return "string \"" + (s.length() > 40 ? s.substring(0, 37) + "..." : s) + "\"";
        }
        if (v.isNumber()) {
            return v.fitsInDouble() ? "number " + jsNumber(v.asDouble()) : "a number that is not a double";
        }
        if (v.isBoolean()) {
            return "boolean " + v.asBoolean();
        }
        if (v.hasArrayElements()) {
            return "an array";
        }
        if (v.canExecute()) {
            return "a function";
        }
        return v.getMetaObject() != null && "Promise".equals(v.getMetaObject().getMetaSimpleName())
                ? "a Promise (async functions are not supported)" : "an object";
    }

    private static String jsNumber(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}

package io.llmpolicy.script;

import static io.llmpolicy.script.TestRuntimes.fails;
import static io.llmpolicy.script.TestRuntimes.fn;
import static io.llmpolicy.script.TestRuntimes.list;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Values crossing the boundary are converted by declared type; anything else is a TYPE_MISMATCH. */
class BoundaryTest {

    static Stream<Arguments> wrongResults() {
        return Stream.of(
                Arguments.of("return 'str';", ScriptType.NUMBER, "returned string \"str\" where number was declared"),
                Arguments.of("return 0 / 0;", ScriptType.NUMBER, "returned number NaN where number was declared"),
                Arguments.of("return undefined;", ScriptType.NUMBER, "returned null or undefined where number was declared"),
                Arguments.of("return null;", ScriptType.STRING, "returned null or undefined where string was declared"),
                Arguments.of("return 1;", ScriptType.BOOL, "returned number 1 where bool was declared"),
                Arguments.of("return 'true';", ScriptType.BOOL, "returned string \"true\" where bool was declared"),
                Arguments.of("return {a: 1};", ScriptType.STRING, "returned an object where string was declared"),
                Arguments.of("return [1, 2];", ScriptType.NUMBER, "returned an array where number was declared"),
                Arguments.of("return () => 1;", ScriptType.NUMBER, "returned a function where number was declared"),
                Arguments.of("return Promise.resolve(1);", ScriptType.NUMBER,
                        "returned a Promise (async functions are not supported) where number was declared"),
                Arguments.of("return 'a,b';", ScriptType.STRING_LIST, "returned string \"a,b\" where list<string> was declared"),
                Arguments.of("return ['a', 2];", ScriptType.STRING_LIST,
                        "returned an array whose element 1 is number 2 where list<string> was declared"),
                Arguments.of("return [1, 'b'];", ScriptType.NUMBER_LIST,
                        "returned an array whose element 1 is string \"b\" where list<number> was declared"),
                Arguments.of("return [1, NaN];", ScriptType.NUMBER_LIST,
                        "returned an array whose element 1 is number NaN where list<number> was declared"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("wrongResults")
    void call_resultOfWrongType_isTypeMismatch(String body, ScriptType returns, String detail) {
        ScriptFunction f = fn("// a comment line\nfunction f() { " + body + " }", "f", returns);

        ScriptException e = fails(f, ScriptException.Kind.TYPE_MISMATCH);

        assertThat(e.detail()).isEqualTo(detail);
        assertThat(new int[] {e.line(), e.column()}).containsExactly(2, 1);
    }

    static Stream<Arguments> wrongArguments() {
        return Stream.of(
                Arguments.of(new Object[] {"a"}, "expected 2 arguments [string, number] but got 1"),
                Arguments.of(new Object[] {"a", 1, 2}, "expected 2 arguments [string, number] but got 3"),
                Arguments.of(new Object[] {1, 1}, "argument 1: expected string but got number 1 (Integer)"),
                Arguments.of(new Object[] {null, 1}, "argument 1: expected string but got null"),
                Arguments.of(new Object[] {"a", "1"}, "argument 2: expected number but got string \"1\""),
                Arguments.of(new Object[] {"a", true}, "argument 2: expected number but got boolean true"),
                Arguments.of(new Object[] {"a", new java.math.BigDecimal("1.5")},
                        "argument 2: expected number but got number 1.5 (BigDecimal)"),
                Arguments.of(new Object[] {"a", List.of(1)}, "argument 2: expected number but got a list"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("wrongArguments")
    void call_argumentsOfWrongTypeOrCount_isTypeMismatch(Object[] args, String detail) {
        ScriptFunction f = fn("function f(s, n) { return s + n; }", "f", ScriptType.STRING, ScriptType.STRING,
                ScriptType.NUMBER);

        ScriptException e = fails(f, ScriptException.Kind.TYPE_MISMATCH, args);

        assertThat(e.detail()).isEqualTo(detail);
        assertThat(e.getMessage()).isEqualTo("test.js:1:1: type mismatch in f: " + detail);
    }

    @Test
    void call_listArgumentWithWrongElement_namesTheElement() {
        ScriptFunction f = fn("function f(xs) { return xs.length; }", "f", ScriptType.NUMBER, ScriptType.NUMBER_LIST);

        ScriptException e = fails(f, ScriptException.Kind.TYPE_MISMATCH, list(1, 2.5, "3"));

        assertThat(e.detail()).isEqualTo("argument 1: expected list<number> but element 2 is string \"3\"");
    }

    @Test
    void call_javaNumbersOfEveryWidth_arriveAsJavaScriptNumbers() {
        ScriptFunction kinds = fn("function kinds(xs) { return xs.map(x => typeof x + ':' + x); }", "kinds",
                ScriptType.STRING_LIST, ScriptType.NUMBER_LIST);

        Object got = kinds.call(list((byte) 1, (short) 2, 3, 4L, 5.5f, 6.25, 9_007_199_254_740_992L));

        assertThat(got).isEqualTo(List.of("number:1", "number:2", "number:3", "number:4", "number:5.5", "number:6.25",
                "number:9007199254740992"));
    }

    @Test
    void call_listsAreRealJavaScriptArrays_notHostObjects() {
        ScriptFunction probe = fn("function probe(xs) { return [String(Array.isArray(xs)), typeof xs.map, "
                + "Object.getPrototypeOf(xs) === Array.prototype ? 'Array.prototype' : 'other', xs.join('+')]; }",
                "probe", ScriptType.STRING_LIST, ScriptType.STRING_LIST);

        assertThat(probe.call(List.of("a", "b"))).isEqualTo(List.of("true", "function", "Array.prototype", "a+b"));
    }

    @Test
    void call_resultsAreCopiedOut_asUnmodifiableJavaValues() {
        ScriptFunction words = fn("function words(s) { return s.split(' '); }", "words", ScriptType.STRING_LIST,
                ScriptType.STRING);
        ScriptFunction numbers = fn("function numbers() { return new Float64Array([1.5, -0, 3]); }", "numbers",
                ScriptType.NUMBER_LIST);

        Object w = words.call("a b c");
        Object n = numbers.call();

        assertThat(w).isEqualTo(List.of("a", "b", "c"));
        assertThat(n).isEqualTo(List.of(1.5, -0.0, 3.0));
        assertThat(((List<?>) w).getClass().getName()).doesNotContain("graalvm").doesNotContain("truffle");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ((List<Object>) w).add("d"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void compile_constArrowFunction_isAcceptedLikeADeclaration() {
        ScriptFunction twice = fn("const twice = (x) => x * 2;", "twice", ScriptType.NUMBER, ScriptType.NUMBER);

        assertThat(twice.call(21)).isEqualTo(42.0);
    }

    @Test
    void apply_takesArgumentsAsList() {
        ScriptFunction f = fn("function f(s, n, b) { return b ? s.repeat(n) : s; }", "f", ScriptType.STRING,
                ScriptType.STRING, ScriptType.NUMBER, ScriptType.BOOL);

        assertThat(f.apply(List.of("ab", 3, true))).isEqualTo("ababab");
        assertThat(f.toString()).isEqualTo("f(string, number, bool) -> string");
    }
}

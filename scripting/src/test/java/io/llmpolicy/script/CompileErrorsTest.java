package io.llmpolicy.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compile-time failures become policy diagnostics: the kind, the message and the policy position. Every script
 * here starts at line 10, column 5 of {@code policy.llmpolicy}, so script line 1 column c is policy 10:(c + 4)
 * and script line l > 1 column c is policy (l + 9):c.
 */
class CompileErrorsTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                // syntax errors, on the first line (column shifted by the start column) and later lines
                Arguments.of("function f(x) { return x +; }", "f", ScriptException.Kind.SYNTAX, 10, 31,
                        "Expected an operand but found ;"),
                Arguments.of("function f(x) {\n  return x +;\n}", "f", ScriptException.Kind.SYNTAX, 11, 13,
                        "Expected an operand but found ;"),
                Arguments.of("function f(x) {\n  return 1;\n", "f", ScriptException.Kind.SYNTAX, 12, 1,
                        "Expected } but found eof"),
                Arguments.of("// strict mode is on for every script\nfunction f(x) {\n  with (x) { return 1; }\n}", "f",
                        ScriptException.Kind.SYNTAX, 12, 3, "\"with\" statement cannot be used in strict mode"),
                Arguments.of("import fs from 'fs';\nfunction f(x) { return 1; }", "f", ScriptException.Kind.SYNTAX, 10, 5,
                        "Expected an operand but found import"),
                Arguments.of("function f(x) { return 1; }\nreturn 2;", "f", ScriptException.Kind.SYNTAX, 11, 1,
                        "Invalid return statement"),
                Arguments.of("});\nfunction f(x) { return 1; }\n(function(){", "f", ScriptException.Kind.SYNTAX, 10, 5,
                        "Expected eof but found }"),
                // the function is missing, or is something else
                Arguments.of("function g(x) { return 1; }", "f", ScriptException.Kind.MISSING_FUNCTION, 10, 5,
                        "the script does not define a function named f"),
                Arguments.of("const f = 3;", "f", ScriptException.Kind.MISSING_FUNCTION, 10, 5,
                        "f is number 3, not a function"),
                Arguments.of("var unrelated = 1;", "parseInt", ScriptException.Kind.MISSING_FUNCTION, 10, 5,
                        "parseInt is a JavaScript built-in; the script must define its own function parseInt"),
                Arguments.of("function f(x) { return 1; }", "my-f", ScriptException.Kind.MISSING_FUNCTION, 10, 5,
                        "'my-f' is not a JavaScript function name (letters, digits, _ and $, not a reserved word)"),
                Arguments.of("function f(x) { return 1; }", "return", ScriptException.Kind.MISSING_FUNCTION, 10, 5,
                        "'return' is not a JavaScript function name (letters, digits, _ and $, not a reserved word)"),
                // the signature does not fit
                Arguments.of("\n\nfunction f(a, b, c) { return 1; }", "f", ScriptException.Kind.TYPE_MISMATCH, 12, 1,
                        "function f declares 3 parameters but the policy passes 1 [number]"),
                // the top level fails while the function is looked up
                Arguments.of("const table = {};\ntable.missing.x = 1;\nfunction f(x) { return 1; }", "f",
                        ScriptException.Kind.RUNTIME_ERROR, 11, 1, "TypeError: Cannot set property 'x' of undefined"),
                Arguments.of("throw new Error('boom');\nfunction f(x) { return 1; }", "f",
                        ScriptException.Kind.RUNTIME_ERROR, 10, 11, "Error: boom"));
    }

    @ParameterizedTest(name = "{2} {5}")
    @MethodSource("failures")
    void compile_badScript_reportsKindMessageAndPolicyPosition(String code, String name, ScriptException.Kind kind,
                                                               int line, int column, String detail) {
        ScriptSource source = new ScriptSource("policy.llmpolicy", code, 10, 5);

        ScriptCompileException e = catchThrowableOfType(ScriptCompileException.class,
                () -> TestRuntimes.shared().compile(source, name, List.of(ScriptType.NUMBER), ScriptType.NUMBER));

        assertThat(e).as("compile should fail").isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
        assertThat(e.detail()).isEqualTo(detail);
        assertThat(new int[] {e.line(), e.column()}).as(e.getMessage()).containsExactly(line, column);
        assertThat(e.scriptName()).isEqualTo("policy.llmpolicy");
        assertThat(e.functionName()).isEqualTo(name);
        assertThat(e.getMessage()).isEqualTo("policy.llmpolicy:" + line + ":" + column + ": " + kind.label() + " in "
                + name + ": " + detail);
    }

    @Test
    void call_runtimeError_pointsAtThePolicyLineOfTheFailingExpression() {
        ScriptSource source = new ScriptSource("policy.llmpolicy", "function f(x) {\n  const o = {};\n  return o.a.b;\n}",
                10, 5);
        ScriptFunction f = TestRuntimes.shared().compile(source, "f", List.of(ScriptType.STRING), ScriptType.NUMBER);

        ScriptException e = TestRuntimes.fails(f, ScriptException.Kind.RUNTIME_ERROR, "x");

        assertThat(e.getMessage()).isEqualTo(
                "policy.llmpolicy:12:10: runtime error in f: TypeError: Cannot read property 'b' of undefined");
    }

    @Test
    void call_thrownError_pointsAtTheThrow_evenInsideNestedFunctions() {
        ScriptSource source = ScriptSource.of("rules.js",
                "function check(v) {\n  if (v > 3) {\n    throw new RangeError('too big: ' + v);\n  }\n  return v;\n}\n"
                + "function f(x) { return check(x) * 2; }");
        ScriptFunction f = TestRuntimes.shared().compile(source, "f", List.of(ScriptType.NUMBER), ScriptType.NUMBER);

        ScriptException e = TestRuntimes.fails(f, ScriptException.Kind.RUNTIME_ERROR, 5);

        assertThat(e.getMessage()).isEqualTo("rules.js:3:11: runtime error in f: RangeError: too big: 5");
        assertThat(f.call(2)).isEqualTo(4.0);
    }

    @Test
    void compile_sameScriptTwice_secondFunctionStillMapsPositions() {
        String code = "function twice(x) {\n  return x.y.z;\n}";
        ScriptFunction first = TestRuntimes.fn(code, "twice", ScriptType.NUMBER, ScriptType.STRING);
        ScriptFunction second = TestRuntimes.fn(code, "twice", ScriptType.NUMBER, ScriptType.STRING);

        ScriptException a = TestRuntimes.fails(first, ScriptException.Kind.RUNTIME_ERROR, "s");
        ScriptException b = TestRuntimes.fails(second, ScriptException.Kind.RUNTIME_ERROR, "s");

        assertThat(new int[] {a.line(), a.column()}).containsExactly(2, 10);
        assertThat(new int[] {b.line(), b.column()}).containsExactly(2, 10);
    }

    @Test
    void scriptSource_rejectsNonsenseUpFront() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ScriptSource("p", "x", 0, 1))
                .hasMessage("script p: start position must be 1-based, got 0:1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ScriptSource(" ", "x", 1, 1))
                .hasMessageContaining("needs a name");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScriptSource.of("p", null))
                .hasMessage("script p has no code");
    }
}

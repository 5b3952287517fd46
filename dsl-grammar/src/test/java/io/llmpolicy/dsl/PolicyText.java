package io.llmpolicy.dsl;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import java.util.List;

/** Generators of syntactically valid policy text with comments and blank lines in odd places. */
final class PolicyText {
    private PolicyText() {}

    static Arbitrary<String> atoms() {
        return Arbitraries.of("request.team", "request.input_tokens", "prompt", "\"a\\\"b\"", "\"x\"", "5", "128k",
                "10k tokens", "$2.50", "$1,000", "30s", "500ms", "5%", "true", "false", "null", "LIMIT", "gpt4o",
                "len(prompt)", "similarity(prompt, \"y\")", "budget(spend)", "[\"a\", \"b\"]", "[]", "-3");
    }

    static Arbitrary<String> exprs() {
        return Arbitraries.recursive(PolicyText::atoms, PolicyText::compose, 4);
    }

    private static Arbitrary<String> compose(Arbitrary<String> inner) {
        Arbitrary<String> op = Arbitraries.of(" and ", " or ", " == ", " != ", " < ", " >= ", " + ", " - ", " * ",
                " / ", " ?? ", " in ", " not in ", " contains ", " icontains ", " startsWith ");
        return Arbitraries.oneOf(
                Combinators.combine(inner, op, inner).as((a, o, b) -> "(" + a + ")" + o + "(" + b + ")"),
                inner.map(a -> "(" + a + ")"),
                inner.map(a -> "not (" + a + ")"),
                inner.map(a -> "(" + a + ") matches /a(b|c)*/i"),
                inner.map(a -> "lower(" + a + ")"));
    }

    static Arbitrary<String> comment() {
        return Arbitraries.of("", "", "  # note", "\n# a comment line\n", "\n\n", " ;");
    }

    static Arbitrary<String> policies() {
        Arbitrary<String> routeStmt = Combinators.combine(exprs(), comment()).as((e, c) -> "  when " + e + " -> gpt4o" + c + "\n");
        Arbitrary<String> guardStmt = Combinators.combine(exprs(), comment()).as((e, c) -> "  deny when " + e + " \"r\"" + c + "\n");
        Arbitrary<List<String>> routes = routeStmt.list().ofMaxSize(4);
        Arbitrary<List<String>> guards = guardStmt.list().ofMaxSize(3);
        return Combinators.combine(routes, guards, exprs(), comment(), comment()).as((rs, gs, c, c1, c2) ->
                "# generated\npolicy \"gen\" version \"1\"" + c1 + "\n"
                        + "const LIMIT = " + c + "\n" + c2
                        + "model gpt4o = openai \"gpt-4o\" price in $2.50/M out $10/M context 128k\n"
                        + "route r {" + c1 + "\n" + String.join("", rs) + "  otherwise -> split by request.user { 50% gpt4o, 50% gpt4o }\n"
                        + "  fallback gpt4o on rate_limited retry 2 cooldown 30s\n}\n"
                        + "budget spend by request.team { limit $5 per month; alert at 50%, 90% }\n"
                        + "guardrail g on input {\n" + String.join("", gs) + "  redact pii [email] as hash\n}\n"
                        + "eval e sample 5% { assert len(output) > 0; alert when pass_rate < 90% over 1h }\n"
                        + "test \"t\" { request { team: \"x\", prompt: \"hi\" } expect route gpt4o }\n" + c2);
    }
}

package io.llmpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmpolicy.dsl.PolicyLoader;
import io.llmpolicy.dsl.ast.Decl;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Differential test: for generated conditions and generated requests, the compiled engine routes exactly as the
 * reference interpreter (ReferenceInterpreter, written from the language reference) says — absent attributes, null
 * comparisons, defaults, membership, string operators, arithmetic and boolean logic included.
 */
class CompiledVsReferenceProperties {
    static final String SCHEMA = """
            request {
              team: string
              tier: string?
              n: number?
              m: number?
              tok: tokens?
              flag: bool?
              tags: list<string>
              region: string = "eu"
            }
            model a = openai "gpt-4o"
            model b = openai "gpt-4o-mini"
            """;

    @Property(tries = 300)
    void route_compiledAgreesWithReference(@ForAll("conditions") String condition, @ForAll("requests") List<Map<String, Object>> requests)
            throws Exception {
        String text = "policy \"diff\" version \"1\"\n" + SCHEMA + "route r {\n  when " + condition + " -> a\n  otherwise -> b\n}\n";
        Path file = Files.createTempFile("diff", ".llmpolicy");
        Files.writeString(file, text);
        try {
            PolicyLoader.Result checked = PolicyLoader.load(file);
            Assume.that(checked.ok()); // the generator makes a few ill-typed conditions; the checker rejects them
            Decl.RouteWhen when = (Decl.RouteWhen) checked.policy().routes().get(0).statements().get(0);
            PolicyEngine engine = PolicyEngine.builder().policy(file).build();
            for (Map<String, Object> metadata : requests) {
                LlmRequest r = LlmRequest.builder("x").user("hi").metadata(metadata).build();
                Map<String, Object> oracleView = new HashMap<>(metadata);
                oracleView.putIfAbsent("region", "eu");
                oracleView.replaceAll((k, v) -> v instanceof Number n ? new BigDecimal(n.toString()) : v);
                boolean expected = new ReferenceInterpreter(oracleView).condition(when.condition());
                assertThat(engine.decide(r).target()).as("%s with %s", condition, metadata).isEqualTo(expected ? "a" : "b");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Provide
    Arbitrary<String> conditions() {
        return Arbitraries.recursive(this::atom, inner -> Arbitraries.oneOf(
                Combinators.combine(inner, inner).as((x, y) -> "(" + x + ") and (" + y + ")"),
                Combinators.combine(inner, inner).as((x, y) -> "(" + x + ") or (" + y + ")"),
                inner.map(x -> "not (" + x + ")")), 3);
    }

    private Arbitrary<String> atom() {
        Arbitrary<String> str = Arbitraries.of("request.team", "request.tier", "request.region", "\"a\"", "\"b\"", "\"eu\"",
                "lower(request.team)", "request.tier ?? \"b\"");
        Arbitrary<String> num = Arbitraries.of("request.n", "request.m", "1", "2.5", "-3", "request.n + 1", "request.m * 2",
                "request.n - request.m", "(request.n ?? 0)");
        Arbitrary<String> tok = Arbitraries.of("request.tok", "100 tokens", "request.tok + 50 tokens");
        Arbitrary<String> cmp = Arbitraries.of("==", "!=", "<", "<=", ">", ">=");
        return Arbitraries.oneOf(
                Combinators.combine(str, Arbitraries.of("==", "!="), str).as((x, o, y) -> x + " " + o + " " + y),
                Combinators.combine(str, str).as((x, y) -> x + " contains " + y),
                Combinators.combine(str, str).as((x, y) -> x + " startsWith " + y),
                str.map(x -> x + " in [\"a\", \"eu\"]"),
                str.map(x -> x + " not in [\"a\", \"eu\"]"),
                Arbitraries.of("\"a\" in request.tags", "\"premium\" in request.tags", "request.tags contains \"b\"",
                        "request.flag", "request.tier == null", "request.n != null", "request.tok == null", "true", "false"),
                Combinators.combine(num, cmp, num).as((x, o, y) -> x + " " + o + " " + y),
                Combinators.combine(tok, cmp, tok).as((x, o, y) -> x + " " + o + " " + y),
                Combinators.combine(tok, cmp, Arbitraries.of("100", "150")).as((x, o, y) -> x + " " + o + " " + y));
    }

    @Provide
    Arbitrary<List<Map<String, Object>>> requests() {
        Arbitrary<Map<String, Object>> one = Combinators.combine(
                Arbitraries.of("a", "b", "eu", "A"), Arbitraries.of("a", "b").injectNull(0.4),
                Arbitraries.integers().between(-3, 4).map(i -> (Object) i).injectNull(0.3),
                Arbitraries.of(0.5, 2.5, 3.0, -1.0).map(d -> (Object) d).injectNull(0.3),
                Arbitraries.longs().between(0, 200).map(l -> (Object) l).injectNull(0.3),
                Arbitraries.of(true, false).map(x -> (Object) x).injectNull(0.3),
                Arbitraries.subsetOf("a", "b", "premium").map(s -> (Object) List.copyOf(s)),
                Arbitraries.of("eu", "us").injectNull(0.5)
        ).as((team, tier, n, m, tok, flag, tags, region) -> {
            Map<String, Object> r = new HashMap<>();
            r.put("team", team);
            if (tier != null) r.put("tier", tier);
            if (n != null) r.put("n", n);
            if (m != null) r.put("m", m);
            if (tok != null) r.put("tok", tok);
            if (flag != null) r.put("flag", flag);
            r.put("tags", tags);
            if (region != null) r.put("region", region);
            return r;
        });
        return one.list().ofMinSize(1).ofMaxSize(8);
    }
}

package io.llmpolicy.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmpolicy.dsl.diag.Code;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated input thrown at the parser and checker: the only possible outcome is a result with
 * diagnostics — never an exception, a hang or a stack overflow.
 */
class ParserRobustnessProperties {
    private static final List<String> SEEDS = seeds();

    private static List<String> seeds() {
        try (var files = Files.list(Path.of("../examples/policies"))) {
            return files.filter(p -> p.toString().endsWith(".llmpolicy")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void survives(String text) {
        PolicyLoader.Result r = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> PolicyLoader.loadString("fuzz.llmpolicy", text));
        assertThat(r).isNotNull();
        if (!r.ok()) assertThat(r.diagnostics()).anyMatch(d -> d.isError());
        r.diagnostics().forEach(d -> assertThat(r.render(d)).startsWith("fuzz.llmpolicy:"));
    }

    @Property(tries = 400)
    void check_randomText_onlyDiagnostics(@ForAll("noise") String text) {
        survives(text);
    }

    @Property(tries = 400)
    void check_mutatedExamples_onlyDiagnostics(@ForAll("mutants") String text) {
        survives(text);
    }

    @Property(tries = 200)
    void check_generatedPolicies_onlyDiagnostics(@ForAll("generated") String text) {
        survives(text);
    }

    @Test
    void check_deepNesting_reportsLimitInsteadOfOverflowing() {
        for (String open : List.of("(", "[", "not ", "-")) {
            String text = "const X = " + open.repeat(100_000) + "1";
            PolicyLoader.Result r = PolicyLoader.loadString("deep.llmpolicy", text);
            assertThat(r.diagnostics()).anyMatch(d -> d.code() == Code.E103);
        }
    }

    @Test
    void check_longFlatChains_doNotOverflow() {
        String text = "policy \"p\" version \"1\"\nrequest { team: string }\nmodel m = openai \"x\"\nroute r {\n  when "
                + "request.team == \"a\" or ".repeat(20_000) + "true -> m\n}\n";
        PolicyLoader.Result r = PolicyLoader.loadString("long.llmpolicy", text);
        assertThat(r.diagnostics().stream().filter(d -> d.isError()).toList()).isEmpty();
    }

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> tokens = Arbitraries.of("policy", "route", "{", "}", "(", ")", "[", "]", "when", "->", "\"s\"",
                "\"unterminated", "/re/", "matches", "regex", "$5", "5%", "30s", "10k", "tokens", "request", ".", ",",
                "model", "=", "budget", "limit", "per", "month", "&&", "!", "#c\n", "\n", "é", "\u200b", "\t", "@");
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(300),
                tokens.list().ofMaxSize(80).map(l -> String.join(" ", l)));
    }

    @Provide
    Arbitrary<String> mutants() {
        Arbitrary<String> seed = Arbitraries.of(SEEDS);
        return Combinators.combine(seed, Arbitraries.integers().between(0, 1_000_000), Arbitraries.integers().between(1, 40),
                Arbitraries.of(0, 1, 2, 3), Arbitraries.strings().ofMaxLength(5)).as((s, at, len, kind, insert) -> {
                    int i = at % Math.max(1, s.length());
                    int j = Math.min(s.length(), i + len);
                    return switch (kind) {
                        case 0 -> s.substring(0, i) + s.substring(j);                       // delete
                        case 1 -> s.substring(0, i) + insert + s.substring(i);              // insert
                        case 2 -> s.substring(0, i) + s.substring(j) + s.substring(i, j);   // move
                        default -> s.substring(0, i);                                        // truncate
                    };
                });
    }

    @Provide
    Arbitrary<String> generated() {
        return PolicyText.policies();
    }
}

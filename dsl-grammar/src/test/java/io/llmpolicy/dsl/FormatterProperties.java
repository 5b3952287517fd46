package io.llmpolicy.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmpolicy.dsl.ast.PolicyFile;
import io.llmpolicy.dsl.check.Structure;
import io.llmpolicy.dsl.diag.Diagnostics;
import io.llmpolicy.dsl.fmt.Formatter;
import io.llmpolicy.dsl.parse.PolicyParser;
import io.llmpolicy.dsl.source.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** fmt is idempotent, keeps every comment, and never changes the AST — on real policies and generated ones. */
class FormatterProperties {

    static PolicyFile parse(String name, String text) {
        Diagnostics d = new Diagnostics();
        PolicyFile f = PolicyParser.parse(new Source(name, text), d);
        assertThat(f).as("parses: " + d.sorted() + "\n" + text).isNotNull();
        return f;
    }

    static void assertRoundTrip(String name, String text) {
        PolicyFile original = parse(name, text);
        String once = Formatter.format(original, new Source(name, text));
        PolicyFile reparsed = parse(name, once);
        assertThat(Structure.of(reparsed.decls())).as("AST unchanged by fmt:\n" + once).isEqualTo(Structure.of(original.decls()));
        assertThat(Structure.of(reparsed.header())).isEqualTo(Structure.of(original.header()));
        assertThat(reparsed.imports().stream().map(PolicyFile.Import::path).toList())
                .isEqualTo(original.imports().stream().map(PolicyFile.Import::path).toList());
        assertThat(reparsed.comments().stream().map(c -> c.text().strip()).toList())
                .as("comments kept in order").isEqualTo(original.comments().stream().map(c -> c.text().strip()).toList());
        String twice = Formatter.format(reparsed, new Source(name, once));
        assertThat(twice).as("idempotent").isEqualTo(once);
    }

    static List<Path> corpus() throws IOException {
        try (Stream<Path> examples = Files.list(Path.of("../examples/policies"));
             Stream<Path> conformance = Files.list(Path.of("../conformance/language"))) {
            return Stream.concat(examples, conformance).filter(p -> p.toString().endsWith(".llmpolicy")).sorted().toList();
        }
    }

    @Test
    void fmt_examplesAndConformanceCases_roundTrip() throws IOException {
        int checked = 0;
        for (Path p : corpus()) {
            String text = Files.readString(p);
            Diagnostics d = new Diagnostics();
            if (PolicyParser.parse(new Source(p.toString(), text), d) == null) continue; // syntax-error cases
            assertRoundTrip(p.toString(), text);
            checked++;
        }
        assertThat(checked).isGreaterThan(15);
    }

    @Test
    void fmt_examplePolicies_areAlreadyFormatted() throws IOException {
        try (Stream<Path> examples = Files.list(Path.of("../examples/policies"))) {
            for (Path p : examples.filter(x -> x.toString().endsWith(".llmpolicy")).toList()) {
                String text = Files.readString(p);
                assertThat(Formatter.format(parse(p.toString(), text), new Source(p.toString(), text))).as(p.toString()).isEqualTo(text);
            }
        }
    }

    @Test
    void fmt_messyLayout_becomesCanonical() {
        String messy = "policy \"p\"   version \"1\"\nmodel m=openai \"gpt-4o\"\n\n\n\nroute r{when request.model==\"a\" or (prompt contains \"x\") -> m # why\notherwise->m}\n";
        String formatted = Formatter.format(parse("m", messy), new Source("m", messy));
        assertThat(formatted).isEqualTo("""
                policy "p" version "1"

                model m = openai "gpt-4o"

                route r {
                  when request.model == "a" or prompt contains "x" -> m  # why
                  otherwise -> m
                }
                """);
    }

    @Property(tries = 300)
    void fmt_generatedPolicies_roundTrip(@ForAll("policies") String text) {
        assertRoundTrip("gen.llmpolicy", text);
    }

    @Provide
    Arbitrary<String> policies() {
        return PolicyText.policies();
    }
}

package io.llmpolicy.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmpolicy.dsl.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the language cases of the conformance suite (see conformance/README.md for the format). */
class ConformanceTest {
    static final Path DIR = Path.of("../conformance/language");

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".llmpolicy")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check_case_matchesExpectations(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).as("first line names the case").startsWith("# case: ");
        List<String> expected = new ArrayList<>();
        boolean ok = false;
        for (String line : lines) {
            if (!line.startsWith("# expect: ")) continue;
            String e = line.substring("# expect: ".length()).trim();
            if (e.equals("ok")) ok = true;
            else expected.add(e);
        }
        assertThat(ok || !expected.isEmpty()).as("case declares its expectation").isTrue();
        PolicyLoader.Result result = PolicyLoader.load(file);
        if (ok) {
            assertThat(result.diagnostics().stream().filter(Diagnostic::isError).map(result::render).toList()).isEmpty();
            assertThat(result.ok()).isTrue();
        } else {
            List<String> actual = result.diagnostics().stream()
                    .map(d -> d.code().name() + " " + d.span().line() + ":" + d.span().column()).toList();
            assertThat(actual).as(String.join("", result.diagnostics().stream().map(result::render).toList()))
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}

package io.llmpolicy.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmpolicy.dsl.diag.Code;
import io.llmpolicy.dsl.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact text a user sees for each diagnostic code, caret included. Each case {@code NAME.llmpolicy} in
 * src/test/resources/diagnostics has its expected output in {@code NAME.expected}. Regenerate after an intended
 * change with {@code -Dgolden.update=true} and review the diff.
 */
class DiagnosticGoldenTest {
    static final Path DIR = Path.of("src/test/resources/diagnostics");

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".llmpolicy") && !p.getFileName().toString().startsWith("_"))
                    .sorted().toList().stream();
        }
    }

    static String render(Path file) {
        PolicyLoader.Result r = PolicyLoader.load(file);
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : r.diagnostics()) out.append(r.render(d));
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check_case_printsExpectedDiagnostics(Path file) throws IOException {
        Path expected = Path.of(file.toString().replace(".llmpolicy", ".expected"));
        String actual = render(file);
        if (Boolean.getBoolean("golden.update") || !Files.exists(expected)) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }

    @Test
    void everyCode_hasAGoldenCaseThatProducesIt() throws IOException {
        Set<Code> seen = EnumSet.noneOf(Code.class);
        for (Path file : cases().toList()) {
            String name = file.getFileName().toString();
            Code code = Code.valueOf(name.substring(0, name.indexOf('-')));
            List<Diagnostic> diagnostics = PolicyLoader.load(file).diagnostics();
            assertThat(diagnostics).as(name).anyMatch(d -> d.code() == code);
            seen.add(code);
        }
        // E407 (script errors) comes from the engine's script validator; its golden case lives in the cli module.
        Set<Code> frontEnd = EnumSet.allOf(Code.class);
        frontEnd.remove(Code.E407);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(frontEnd);
    }
}

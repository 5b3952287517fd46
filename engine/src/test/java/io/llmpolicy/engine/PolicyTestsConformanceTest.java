package io.llmpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine half of the conformance suite: every {@code test} block in the conformance cases that check, and in the
 * example policies, must pass.
 */
class PolicyTestsConformanceTest {

    static Stream<Path> files() throws IOException {
        try (Stream<Path> a = Files.list(Path.of("../conformance/language")); Stream<Path> b = Files.list(Path.of("../examples/policies"))) {
            return Stream.concat(a, b).filter(p -> p.toString().endsWith(".llmpolicy")).filter(ConformanceCase::expectsOk)
                    .filter(ConformanceCase::hasTests).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void testBlocks_allPass(Path file) {
        List<PolicyTests.Result> results = PolicyTests.run(file);
        assertThat(results).isNotEmpty();
        for (PolicyTests.Result r : results) assertThat(r.failures()).as(r.name()).isEmpty();
    }

    static final class ConformanceCase {
        static boolean hasTests(Path p) {
            try {
                return Files.readString(p).contains("\ntest \"");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        static boolean expectsOk(Path p) {
            try {
                String text = Files.readString(p);
                return !text.contains("# expect: ") || text.contains("# expect: ok");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}

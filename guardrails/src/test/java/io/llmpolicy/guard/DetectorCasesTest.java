package io.llmpolicy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@code detector-cases.txt}: every built-in detector with positives, near misses and negatives, each line
 * scanned by the default set and compared span by span.
 */
class DetectorCasesTest {
    private static final GuardrailSet ALL = GuardrailSet.defaults();

    record Case(int line, String detector, String kind, String raw, String label) {
        @Override
        public String toString() {
            return "line " + line + " " + kind + " " + detector + ": " + raw;
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        try (InputStream in = DetectorCasesTest.class.getResourceAsStream("detector-cases.txt")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int n = 0; n < lines.length; n++) {
                String line = lines[n];
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] cols = line.split("\t");
                if (cols.length < 3) throw new IllegalStateException("line " + (n + 1) + " needs 3 columns: " + line);
                out.add(new Case(n + 1, cols[0], cols[1], cols[2], cols.length > 3 ? cols[3] : null));
            }
        }
        return out;
    }

    static Stream<Arguments> table() throws IOException {
        return cases().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void scan_caseLine_reportsExactlyTheMarkedSpans(Case c) {
        CaseText.Marked m = CaseText.mark(CaseText.generate(CaseText.unescape(c.raw()), c.line()));
        assertThat(c.kind()).isIn("+", "~", "-");
        if (c.kind().equals("+")) assertThat(m.spans()).as("a positive case marks at least one span").isNotEmpty();
        else assertThat(m.spans()).as("a negative case marks nothing").isEmpty();

        List<Finding> found = ALL.scan(m.text()).stream().filter(f -> f.detector().equals(c.detector())).toList();
        List<String> got = found.stream().map(f -> f.start() + ".." + f.end() + " " + slice(m.text(), f)).toList();
        List<String> want = m.spans().stream()
                .map(s -> s[0] + ".." + s[1] + " " + slice(m.text(), new Finding("x", s[0], s[1], "x"))).toList();
        assertThat(got).as("findings of %s in %s", c.detector(), m.text()).containsExactlyElementsOf(want);
        if (c.label() != null) assertThat(found).allSatisfy(f -> assertThat(f.label()).isEqualTo(c.label()));
        for (Finding f : found) {
            assertThat(f.label()).as("labels never carry the value").doesNotContain(slice(m.text(), f));
        }
    }

    @Test
    void table_coversEveryBuiltinDetector_withPositivesNearMissesAndNegatives() throws IOException {
        TreeMap<String, Set<String>> kinds = new TreeMap<>();
        for (Case c : cases()) kinds.computeIfAbsent(c.detector(), d -> new HashSet<>()).add(c.kind());
        for (BuiltinDetector d : BuiltinDetector.values()) {
            assertThat(kinds).as("cases for %s", d.id()).containsKey(d.id());
            assertThat(kinds.get(d.id())).as("positive cases for %s", d.id()).contains("+");
            assertThat(kinds.get(d.id()).size()).as("near misses or negatives for %s", d.id()).isGreaterThan(1);
        }
        assertThat(kinds.keySet()).allSatisfy(id -> assertThat(BuiltinDetector.byId(id)).isNotNull());
    }

    static String slice(String text, Finding f) {
        int a = text.offsetByCodePoints(0, f.start());
        int b = text.offsetByCodePoints(0, f.end());
        return text.substring(a, b);
    }
}

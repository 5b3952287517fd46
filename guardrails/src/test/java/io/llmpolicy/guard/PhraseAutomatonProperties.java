package io.llmpolicy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The phrase automaton reports exactly the occurrences a naive {@code indexOf} search finds. */
class PhraseAutomatonProperties {

    @Provide
    Arbitrary<List<String>> terms() {
        return Arbitraries.strings().withChars("abAB c-İıſKé").ofMinLength(1).ofMaxLength(6).list().ofMinSize(1).ofMaxSize(30);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("abAB c-İıſKé.xy").ofMaxLength(200);
    }

    @Property(tries = 400)
    void everyOccurrence_matchesNaiveSearch_onFoldedText(@ForAll("terms") List<String> terms, @ForAll("texts") String text) {
        int[] list = new int[terms.size()];
        boolean[] wb = new boolean[terms.size()];
        PhraseAutomaton a = PhraseAutomaton.compile(terms, list, wb);
        Set<String> got = new HashSet<>();
        a.forEach(text, (t, s, e) -> got.add(t + ":" + s + ":" + e));
        Set<String> want = new HashSet<>();
        String folded = fold(text);
        for (int t = 0; t < terms.size(); t++) {
            String term = fold(terms.get(t));
            for (int at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + 1)) {
                want.add(t + ":" + at + ":" + (at + term.length()));
            }
        }
        assertThat(got).isEqualTo(want);
    }

    @Property(tries = 200)
    void scanFindings_areOccurrencesWithWordBoundaries_longestWinning(@ForAll("terms") List<String> terms,
                                                                       @ForAll("texts") String text) {
        GuardrailSet set = GuardrailSet.builder().phrases("list", new ArrayList<>(new HashSet<>(terms)), true).build();
        for (Finding f : set.scan(text)) {
            String hit = text.substring(f.start(), f.end());
            assertThat(terms.stream().map(PhraseAutomatonProperties::fold)).contains(fold(hit));
            assertThat(f.start() == 0 || !CharClass.isWord(text.charAt(f.start() - 1))).isTrue();
            assertThat(f.end() == text.length() || !CharClass.isWord(text.charAt(f.end()))).isTrue();
        }
    }

    @Provide
    Arbitrary<String> longTexts() {
        return Arbitraries.of("falcon ", "blue harbor ", "harbor ", "x", "b", " ", "FALCON", "blue ", "harb", ". ")
                .list().ofMinSize(400).ofMaxSize(900).map(parts -> String.join("", parts));
    }

    /** Long whole texts take the two-walk path; a stream (one walk) must find the same. */
    @Property(tries = 60)
    void splitWalk_ofLongTexts_equalsTheSequentialWalk(@ForAll("longTexts") String text) {
        GuardrailSet set = GuardrailSet.builder()
                .phrases("a", List.of("blue harbor", "harbor", "falcon", "x b"), true)
                .phrases("b", List.of("harb", "on b", "r f"), false).build();
        assertThat(text.length()).isGreaterThan(8 * (11 + 64));
        StreamGuard g = set.stream(StreamOptions.monitor());
        g.accept(text);
        g.finish();
        assertThat(set.scan(text)).isEqualTo(g.findings());
    }

    @net.jqwik.api.Example
    void splitWalk_termStraddlingTheMidpoint_isFoundAtEveryOffset() {
        GuardrailSet set = GuardrailSet.builder().phrases("a", List.of("straddling term"), true).build();
        int n = 2000;
        for (int at = n / 2 - 16; at <= n / 2 + 1; at++) {
            String text = "y".repeat(at - 1) + " straddling term " + "z".repeat(n - at - 16);
            assertThat(set.scan(text)).as("term at %d", at).extracting(Finding::start).containsExactly(at);
        }
    }

    static String fold(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) b.append(PhraseAutomaton.fold(s.charAt(i)));
        return b.toString();
    }
}

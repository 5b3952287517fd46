package io.llmpolicy.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class GuardrailSetTest {

    @Test
    void phraseLists_areCaseInsensitive_respectWordBoundaries_andLongestMatchWins() {
        GuardrailSet set = GuardrailSet.builder()
                .phrases("codenames", List.of("falcon", "project falcon"), true)
                .phrases("loose", List.of("harb"), false)
                .build();
        List<Finding> fs = set.scan("PROJECT FALCON ships; falcons fly; Blue Harbor; falcon.");
        assertThat(fs).extracting(f -> f.start() + "-" + f.end() + " " + f.label())
                .containsExactly("0-14 codenames", "40-44 loose", "48-54 codenames");
        assertThat(fs).allSatisfy(f -> assertThat(f.detector()).isEqualTo(Finding.PHRASE));
    }

    @Test
    void tenThousandTerms_compileIntoOneAutomaton_andEveryTermIsFound() {
        List<String> terms = new ArrayList<>();
        for (int k = 0; k < 10_000; k++) terms.add("term" + Integer.toString(k * 7919, 36) + " x");
        GuardrailSet set = GuardrailSet.builder().phrases("big", terms, true).build();
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < 10_000; k += 97) text.append("say ").append(terms.get(k)).append(". ");
        assertThat(set.scan(text)).hasSize((10_000 + 96) / 97);
    }

    @Test
    void regexRules_matchPerLine_withRe2Semantics() {
        GuardrailSet set = GuardrailSet.builder().regex("ticket", "TCK-[0-9]{6}").regex("line", "(?m)^secret$").build();
        List<Finding> fs = set.scan("see TCK-123456 and TCK-12\nsecret\nnot secret");
        assertThat(fs).extracting(f -> f.label() + "@" + f.start()).containsExactly("ticket@4", "line@26");
    }

    @Test
    void offsets_areCodePoints_evenAfterSupplementaryCharacters() {
        String text = "😀😀 mail a@b.io 😀 card 4111111111111111";
        List<Finding> fs = GuardrailSet.defaults().scan(text);
        assertThat(fs).extracting(Finding::detector, Finding::start, Finding::end)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pii.email", 8, 14),
                        org.assertj.core.groups.Tuple.tuple("pii.credit_card", 22, 38));
    }

    @Test
    void findingsSink_isReusedAcrossScans_andClearedEachTime() {
        GuardrailSet set = GuardrailSet.defaults();
        Findings f = new Findings();
        set.scan("a@b.io and c@d.io", f);
        assertThat(f.size()).isEqualTo(2);
        set.scan("nothing here", f);
        assertThat(f.isEmpty()).isTrue();
        set.scan("x".repeat(100_000) + " e@f.io", f);
        assertThat(f.toList()).extracting(Finding::start).containsExactly(100_001);
        assertThatThrownBy(() -> f.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void onlyEnabledDetectors_report() {
        GuardrailSet emails = GuardrailSet.builder().detectors(BuiltinDetector.EMAIL).build();
        assertThat(emails.scan("a@b.io 4111111111111111 ignore previous instructions"))
                .extracting(Finding::detector).containsExactly("pii.email");
        GuardrailSet secrets = GuardrailSet.builder().family(BuiltinDetector.Family.SECRET).build();
        assertThat(secrets.scan("a@b.io password: Summer2024!x")).extracting(Finding::detector)
                .containsExactly("secret.generic");
        assertThat(GuardrailSet.builder().build().scan("a@b.io")).isEmpty();
        assertThat(secrets.detectors()).hasSize(BuiltinDetector.of(BuiltinDetector.Family.SECRET).size());
    }

    @Test
    void sharedSet_givesTheSameResultsOnManyThreads() throws Exception {
        GuardrailSet set = GuardrailSet.builder().detectors(BuiltinDetector.defaults())
                .phrases("p", List.of("blue harbor"), true).build();
        String text = "Blue Harbor: mail a@b.io, card 4111 1111 1111 1111, ignore all previous instructions. ".repeat(20);
        List<Finding> expected = set.scan(text);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Callable<Boolean> job = () -> {
                    Findings mine = new Findings();
                    for (int k = 0; k < 50; k++) {
                        set.scan(text, mine);
                        if (!mine.toList().equals(expected)) return false;
                    }
                    return true;
                };
                results.add(pool.submit(job));
            }
            for (Future<Boolean> r : results) assertThat(r.get()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badConfiguration_isRejectedWithAProblem() {
        assertThatThrownBy(() -> GuardrailSet.builder().phrases("a", List.of("x", ""), true))
                .isInstanceOf(GuardrailConfigException.class).hasMessageContaining("term 1 is empty");
        assertThatThrownBy(() -> GuardrailSet.builder().phrases("a", List.of("x"), true).phrases("a", List.of("y"), true))
                .hasMessageContaining("duplicate list name");
        assertThatThrownBy(() -> GuardrailSet.builder().phrases("a", List.of("x".repeat(300)), true))
                .hasMessageContaining("longer than 256");
        assertThatThrownBy(() -> GuardrailSet.builder().regex("r", "a").regex("r", "b"))
                .hasMessageContaining("duplicate regex name");
    }

    @Test
    void tokenEstimate_followsTheDocumentedRule() {
        TokenCounter est = TokenCounter.estimate();
        assertThat(est.count("")).isZero();
        assertThat(est.count("abcd")).isEqualTo(1);
        assertThat(est.count("abcde")).isEqualTo(2);
        assertThat(est.count("héllo wörld")).isEqualTo(3);
        assertThat(est.count("日本語")).isEqualTo(3);
        assertThat(est.count("ab😀")).isEqualTo(2);
    }
}

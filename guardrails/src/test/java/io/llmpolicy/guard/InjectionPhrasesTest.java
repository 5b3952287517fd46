package io.llmpolicy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every phrase the curated templates stand for is detected, plain and under each obfuscation trick. */
class InjectionPhrasesTest {
    private static final GuardrailSet INJECTION = GuardrailSet.builder().detectors(BuiltinDetector.INJECTION).build();
    private static final String PREFIX = "Note: ";

    static List<String[]> phrases() {
        List<String[]> out = new ArrayList<>();
        for (String[] line : SkeletonPatterns.injectionTemplates()) {
            for (String p : SkeletonPatterns.fullPhrases(line[1])) out.add(new String[] {line[0], p});
        }
        return out;
    }

    @Test
    void everyTemplatePhrase_inASentence_isOneFindingCoveringThePhrase() {
        Findings f = new Findings();
        List<String> missed = new ArrayList<>();
        List<String[]> all = phrases();
        assertThat(all).hasSizeGreaterThan(10_000);
        for (String[] p : all) {
            String text = PREFIX + p[1] + ". Thanks.";
            INJECTION.scan(text, f);
            int len = p[1].codePointCount(0, p[1].length());
            boolean ok = false;
            for (int k = 0; k < f.size(); k++) {
                if (f.start(k) == PREFIX.length() && f.end(k) == PREFIX.length() + len) ok = true;
            }
            if (!ok) missed.add(p[0] + ": " + p[1] + " -> " + f.toList());
        }
        assertThat(missed).isEmpty();
    }

    @Test
    void templates_coverFourLanguagesAndEveryCategoryInEach() {
        List<String> categories = SkeletonPatterns.injectionTemplates().stream().map(l -> l[0]).distinct().toList();
        for (String lang : List.of("en", "de", "fr", "es")) {
            for (String cat : List.of("ignore-instructions", "reveal-prompt", "role-override", "jailbreak")) {
                assertThat(categories).contains(cat + "/" + lang);
            }
        }
    }

    static Stream<Arguments> tricks() {
        return Stream.of(
                Arguments.of("upper case", (UnaryOperator<String>) s -> s.toUpperCase(Locale.ROOT)),
                Arguments.of("fullwidth forms", (UnaryOperator<String>) InjectionPhrasesTest::fullwidth),
                Arguments.of("mathematical bold", (UnaryOperator<String>) InjectionPhrasesTest::mathBold),
                Arguments.of("zero-width spaces", (UnaryOperator<String>) s -> between(s, "\u200B")),
                Arguments.of("zero-width joiners", (UnaryOperator<String>) s -> between(s, "\u200D")),
                Arguments.of("bidi isolates", (UnaryOperator<String>) s -> s.replace(" ", " \u2066").replace("e", "e\u2069")),
                Arguments.of("soft hyphens", (UnaryOperator<String>) s -> between(s, "\u00AD")),
                Arguments.of("letter spacing", (UnaryOperator<String>) s -> between(s.replace(" ", "  "), " ")),
                Arguments.of("dots between letters", (UnaryOperator<String>) s -> between(s, ".")),
                Arguments.of("hyphens between letters", (UnaryOperator<String>) s -> between(s, "-")),
                Arguments.of("leetspeak", (UnaryOperator<String>) InjectionPhrasesTest::leet),
                Arguments.of("Cyrillic look-alikes", (UnaryOperator<String>) InjectionPhrasesTest::cyrillic),
                Arguments.of("Greek look-alikes", (UnaryOperator<String>) s -> s.replace('o', 'ο').replace('i', 'ι')),
                Arguments.of("combining accents", (UnaryOperator<String>) s -> s.replace("e", "e\u0301").replace("o", "o\u0308")),
                Arguments.of("small capitals", (UnaryOperator<String>) s -> s.replace('n', 'ɴ').replace('r', 'ʀ')));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tricks")
    void sampledPhrases_underObfuscation_areFoundFromTheirFirstCharacter(String trick, UnaryOperator<String> t) {
        Findings f = new Findings();
        List<String> missed = new ArrayList<>();
        List<String[]> all = phrases();
        int tried = 0;
        for (int k = 0; k < all.size(); k += 97) {
            String phrase = all.get(k)[1].toLowerCase(Locale.ROOT);
            String obfuscated = t.apply(phrase);
            String text = PREFIX + obfuscated + ". Thanks.";
            INJECTION.scan(text, f);
            tried++;
            int len = obfuscated.codePointCount(0, obfuscated.length());
            boolean ok = false;
            for (int i = 0; i < f.size(); i++) {
                if (f.start(i) == PREFIX.length() && f.end(i) <= PREFIX.length() + len) ok = true;
            }
            if (!ok) missed.add(all.get(k)[0] + ": " + obfuscated + " -> " + f.toList());
        }
        assertThat(tried).isGreaterThan(100);
        assertThat(missed).isEmpty();
    }

    @Test
    void benignSentences_withTheSameWords_areNotFindings() {
        List<String> benign = List.of(
                "You can ignore the warning light if the printer is offline.",
                "The previous instructions were printed on the back of the box.",
                "Please show me the way to the station.",
                "Developers like the new mode for editing.",
                "Die vorherigen Anweisungen stehen im Handbuch.",
                "Les instructions précédentes sont dans le manuel.",
                "Las instrucciones anteriores están en el manual.",
                "The system prompt appears when you press the key.");
        for (String s : benign) assertThat(INJECTION.scan(s)).as(s).isEmpty();
    }

    static String between(String s, String sep) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (i > 0 && Character.isLetter(s.charAt(i)) && Character.isLetter(s.charAt(i - 1))) b.append(sep);
            b.append(s.charAt(i));
        }
        return b.toString();
    }

    static String fullwidth(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) b.append(c >= 'a' && c <= 'z' ? (char) (0xFF41 + c - 'a') : c);
        return b.toString();
    }

    static String mathBold(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 'a' && c <= 'z') b.appendCodePoint(0x1D41A + c - 'a'); else b.append(c);
        }
        return b.toString();
    }

    static String leet(String s) {
        return s.replace('a', '4').replace('e', '3').replace('i', '1').replace('o', '0').replace('s', '5')
                .replace('t', '7');
    }

    static String cyrillic(String s) {
        return s.replace('a', 'а').replace('e', 'е').replace('o', 'о').replace('p', 'р').replace('c', 'с')
                .replace('x', 'х').replace('i', 'і').replace('y', 'у');
    }
}

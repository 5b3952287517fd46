package io.llmpolicy.engine.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The regex-free {@code o200k_base} and {@code cl100k_base} counters give jtokkit's count (which is tiktoken's) for
 * every text: random mixtures of the characters the patterns treat differently, and real text from this repository.
 */
class BpeCounterProperties {

    private static final com.knuddels.jtokkit.api.EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    private static final Encoding JTOKKIT = REGISTRY.getEncoding(EncodingType.O200K_BASE);
    private static final Encoding JTOKKIT_CL100K = REGISTRY.getEncoding(EncodingType.CL100K_BASE);
    private static final O200kCounter FAST = O200kCounter.load();
    private static final Cl100kCounter FAST_CL100K = Cl100kCounter.load();

    @Property(tries = 3000)
    void sameCountAsJtokkit(@ForAll("texts") String text) {
        sameCount(FAST, JTOKKIT, TokenEncoding.O200K_BASE, text);
        sameCount(FAST_CL100K, JTOKKIT_CL100K, TokenEncoding.CL100K_BASE, text);
    }

    private static void sameCount(BpeCounter fast, Encoding reference, TokenEncoding encoding, String text) {
        int count = fast.count(text);
        int expected = reference.countTokensOrdinary(text);
        if (count >= 0) { // -1 means "ask jtokkit", which TokenCounter does
            assertThat(count).as("%s %s", encoding, text.codePoints().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(expected);
        }
        assertThat(TokenCounter.shared().count(encoding, text)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> texts() {
        // Pieces chosen to hit every alternative of the pattern and the boundaries between them.
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("'S", "'D", "'Ll", "'VE", "'re", "'ſ", "'x", "hello", "Hello", "HELLO", "hELLo", "don't", "DON'T", "we'LL", "it'ſ", "I'M", "they're",
                        "x'", "'s", "'", "''", "McDonald", "iPhone", "ΑΒΓ", "αβγ", "Straße", "ǅemal", "ʰʲ", "東京", "ﾃｽﾄ",
                        "e\u0301", "\u0301", "a\u0301b", "\u0903x", "한국어", "مرحبا", "😀", "👍🏽", "🇩🇪"),
                Arbitraries.of("1", "12", "123", "1234", "12345", "٣", "Ⅻ", "½", "3.14", "1,000"),
                Arbitraries.of(" ", "  ", "   ", "\t", "\n", "\r\n", "\n\n", " \n ", "\u00a0", "\u2028", "\u3000",
                        "\u0085", "\u000b", "\f", " \t\n\t "),
                Arbitraries.of("!", "?!", "...", "--", "//", "/\n", "!\r\n", "$", "€", "@", "#", " (", ")", "\"", "_",
                        "[[", "::", "<|endoftext|>", "\u0000", "\u001f", "\u007f"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(6).filter(s -> s.chars().noneMatch(c -> Character.isSurrogate((char) c))));
        return piece.list().ofMaxSize(25).map(list -> String.join("", list));
    }

    @Example
    void realText_fromThisRepository() throws IOException {
        List<Path> files;
        try (Stream<Path> docs = Files.list(Path.of("../docs"))) {
            files = Stream.concat(docs.filter(f -> f.toString().endsWith(".md")),
                    Stream.of(Path.of("../README.md"), Path.of("src/main/java/io/llmpolicy/engine/Decider.java"),
                            Path.of("../examples/policies/demo.llmpolicy"))).toList();
        }
        assertThat(files).hasSizeGreaterThan(5);
        for (Path f : files) {
            String text = Files.readString(f);
            assertThat(TokenCounter.shared().count(TokenEncoding.O200K_BASE, text)).as(f.toString())
                    .isEqualTo(JTOKKIT.countTokensOrdinary(text));
            assertThat(TokenCounter.shared().count(TokenEncoding.CL100K_BASE, text)).as(f.toString())
                    .isEqualTo(JTOKKIT_CL100K.countTokensOrdinary(text));
            // and paragraph by paragraph, where pieces meet text boundaries
            for (String paragraph : text.split("\n\n")) {
                assertThat(FAST.count(paragraph)).as(paragraph).isIn(-1, JTOKKIT.countTokensOrdinary(paragraph));
                assertThat(FAST_CL100K.count(paragraph)).as(paragraph).isIn(-1, JTOKKIT_CL100K.countTokensOrdinary(paragraph));
            }
        }
    }

    @Example
    void aLongText_countsTheSame() {
        String big = ("Grüße aus München — the order #48213 shipped on 2026-11-02.\n\tIt's fine 😀 ").repeat(3000);
        assertThat(FAST.count(big)).isEqualTo(JTOKKIT.countTokensOrdinary(big));
        assertThat(FAST_CL100K.count(big)).isEqualTo(JTOKKIT_CL100K.countTokensOrdinary(big));
        assertThat(FAST.count("short again")).isEqualTo(JTOKKIT.countTokensOrdinary("short again"));
    }

    @Example
    void longRuns_andUnpairedSurrogates_areLeftToJtokkit() {
        assertThat(FAST.count("=".repeat(BpeCounter.MAX_PIECE_BYTES + 1))).isEqualTo(-1);
        assertThat(FAST_CL100K.count("=".repeat(BpeCounter.MAX_PIECE_BYTES + 1))).isEqualTo(-1);
        assertThat(FAST.count("a\ud800b")).isEqualTo(-1);
        String longRun = "x " + "-".repeat(5000) + " y";
        assertThat(TokenCounter.shared().count(TokenEncoding.O200K_BASE, longRun)).isEqualTo(JTOKKIT.countTokensOrdinary(longRun));
    }

    @Example
    void aMissingRankFile_failsToLoad_andTheCounterFallsBackToJtokkit() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BpeCounter("no_such_base.tiktoken") {
            @Override
            int nextPieceEnd(int[] cp, int n, int p) {
                return p + 1;
            }
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("no_such_base.tiktoken");
        Object loaded = TokenCounter.orNull(() -> {
            throw new IllegalStateException("x");
        });
        assertThat(loaded).isNull();
    }
}

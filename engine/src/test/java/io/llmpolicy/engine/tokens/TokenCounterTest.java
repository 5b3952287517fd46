package io.llmpolicy.engine.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expected counts come from tiktoken 0.14.0 ({@code len(enc.encode(s, disallowed_special=()))}) run on the same
 * BPE rank files (SHA-256 of cl100k_base.tiktoken 223921b7...b2a7, the hash tiktoken pins).
 */
class TokenCounterTest {

    private final TokenCounter counter = TokenCounter.shared();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "CL100K_BASE | hello world                                  | 2",
        "O200K_BASE  | hello world                                  | 2",
        "CL100K_BASE | tiktoken is great!                           | 6",
        "O200K_BASE  | tiktoken is great!                           | 6",
        "CL100K_BASE | The quick brown fox jumps over the lazy dog. | 10",
        "O200K_BASE  | The quick brown fox jumps over the lazy dog. | 10",
        "CL100K_BASE | Grüße aus München — 東京 🚀                  | 12",
        "O200K_BASE  | Grüße aus München — 東京 🚀                  | 9",
    })
    void count_matchesTiktoken(TokenEncoding encoding, String text, int expected) {
        assertThat(counter.count(encoding, text)).isEqualTo(expected);
    }

    @Test
    void count_specialTokenText_isOrdinaryText() {
        assertThat(counter.count(TokenEncoding.CL100K_BASE, "<|endoftext|> is special")).isEqualTo(9);
        assertThat(counter.count(TokenEncoding.O200K_BASE, "<|endoftext|> is special")).isEqualTo(9);
    }

    @Test
    void count_whitespace_matchesTiktoken() {
        assertThat(counter.count(TokenEncoding.CL100K_BASE, "  leading spaces\n\nand\ttabs")).isEqualTo(7);
        assertThat(counter.count(TokenEncoding.O200K_BASE, "  leading spaces\n\nand\ttabs")).isEqualTo(7);
        assertThat(counter.count(TokenEncoding.O200K_BASE, "")).isZero();
        assertThat(counter.count(TokenEncoding.O200K_BASE, null)).isZero();
    }

    /** The example of OpenAI's cookbook "How to count tokens with tiktoken": 129 for gpt-4, 124 for gpt-4o. */
    @Test
    void countChat_cookbookExample_matchesPublishedCounts() {
        List<ChatMessageText> messages = List.of(
                new ChatMessageText.PromptMessage("system", "You are a helpful, pattern-following assistant that"
                        + " translates corporate jargon into plain English.", null),
                new ChatMessageText.PromptMessage("system", "New synergies will help drive top-line growth.",
                        "example_user"),
                new ChatMessageText.PromptMessage("system", "Things working well together will increase revenue.",
                        "example_assistant"),
                new ChatMessageText.PromptMessage("system", "Let's circle back when we have more bandwidth to touch"
                        + " base on opportunities for increased leverage.", "example_user"),
                new ChatMessageText.PromptMessage("system", "Let's talk later when we're less busy about how to do"
                        + " better.", "example_assistant"),
                ChatMessageText.of("user", "This late pivot means we don't have time to boil the ocean for the client"
                        + " deliverable."));
        assertThat(counter.countChat("gpt-4-0613", messages)).isEqualTo(129);
        assertThat(counter.countChat("gpt-4o", messages)).isEqualTo(124);
    }

    @Test
    void countChat_estimate_addsFramingPerMessage() {
        // "user" = 4 bytes -> 1; "abcdefgh" = 8 bytes -> 2; framing 3 per message + 3 reply priming.
        List<ChatMessageText> messages = List.of(ChatMessageText.of("user", "abcdefgh"),
                ChatMessageText.of("user", "abcdefgh"));
        assertThat(counter.countChat("claude-sonnet-4-5", messages)).isEqualTo(3 + 2 * (3 + 1 + 2));
        assertThat(counter.countChat(TokenEncoding.ESTIMATE, List.of())).isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''          | 0",
        "a           | 1",
        "abcd        | 1",
        "abcde       | 2",
        "ü           | 1",  // 2 bytes
        "東京        | 2",  // 6 bytes -> ceil(6/4)
        "🚀🚀        | 2",  // 8 bytes: a surrogate pair is one 4-byte code point
    })
    void estimate_isCeilUtf8BytesOverFour(String text, int expected) {
        assertThat(TokenCounter.estimate(text)).isEqualTo(expected);
        assertThat(counter.count("mistral/mistral-large-latest", text)).isEqualTo(expected);
    }

    @Test
    void estimate_unpairedSurrogate_countsAsReplacementCharacter() {
        assertThat(TokenCounter.estimate("\uD800")).isEqualTo(1); // 3 bytes of U+FFFD
        assertThat(TokenCounter.estimate("\uD800\uD800ab")).isEqualTo(2); // 3 + 3 + 2 = 8 bytes
    }

    @ParameterizedTest
    @CsvSource({
        "gpt-4o,                     O200K_BASE",
        "gpt-4o-2024-08-06,          O200K_BASE",
        "openai/gpt-4o-mini,         O200K_BASE",
        "azure/gpt-4.1,              O200K_BASE",
        "chatgpt-4o-latest,          O200K_BASE",
        "gpt-5.1,                    O200K_BASE",
        "o1,                         O200K_BASE",
        "o3-mini,                    O200K_BASE",
        "o4-mini-2025-04-16,         O200K_BASE",
        "ft:gpt-4o-mini-2024-07-18,  O200K_BASE",
        "gpt-oss-120b,               O200K_BASE",
        "gpt-4,                      CL100K_BASE",
        "gpt-4-turbo,                CL100K_BASE",
        "GPT-4-0613,                 CL100K_BASE",
        "gpt-3.5-turbo,              CL100K_BASE",
        "azure/gpt-35-turbo,         CL100K_BASE",
        "text-embedding-3-small,     CL100K_BASE",
        "claude-sonnet-4-5,          ESTIMATE",
        "gemini/gemini-2.5-pro,      ESTIMATE",
        "o10-hypothetical,           ESTIMATE",
        "gpt-40,                     ESTIMATE",
        "'',                         ESTIMATE",
    })
    void forModel_mapsFamilies(String model, TokenEncoding expected) {
        assertThat(TokenEncoding.forModel(model)).isEqualTo(expected);
    }

    @Test
    void count_concurrentThreads_agree() throws Exception {
        String text = "The quick brown fox jumps over the lazy dog. ".repeat(50);
        int expected = counter.count(TokenEncoding.O200K_BASE, text);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                tasks.add(() -> counter.count(TokenEncoding.O200K_BASE, text));
            }
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected).isGreaterThan(400);
    }
}

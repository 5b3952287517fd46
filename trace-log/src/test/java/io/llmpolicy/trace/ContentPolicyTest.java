package io.llmpolicy.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentPolicyTest {

    private static final byte[] RFC4231_KEY = new byte[20];

    static {
        Arrays.fill(RFC4231_KEY, (byte) 0x0b);
    }

    @Test
    void hmac_rfc4231TestCase1_matchesKnownAnswer() {
        ContentPolicy policy = ContentPolicy.withHmacKey(ContentMode.HMAC_SHA256, ContentMode.NONE, "k1", RFC4231_KEY);
        assertThat(policy.prompt("Hi There", null)).isEqualTo(new Content.KeyedHash("k1",
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"));
    }

    @ParameterizedTest
    @CsvSource({
            "NONE,     hello, hello [x], NONE",
            "FULL,     hello, hello [x], FULL",
            "REDACTED, hello, hello [x], REDACTED",
            "HMAC_SHA256, hello, hello [x], HMAC_SHA256"})
    void store_eachMode_keepsWhatTheModeSays(ContentMode mode, String text, String redacted, ContentMode expected) {
        ContentPolicy policy = ContentPolicy.withHmacKey(ContentMode.NONE, mode, "k", RFC4231_KEY);
        Content stored = policy.response(text, redacted);
        assertThat(stored.mode()).isEqualTo(expected);
        switch (stored) {
            case Content.Omitted o -> assertThat(mode).isEqualTo(ContentMode.NONE);
            case Content.Full f -> assertThat(f.text()).isEqualTo(text);
            case Content.Redacted r -> assertThat(r.text()).isEqualTo(redacted);
            case Content.KeyedHash h -> assertThat(h.hex()).hasSize(64).doesNotContain(text);
        }
        assertThat(policy.prompt(text, redacted)).isEqualTo(Content.OMITTED);
    }

    @Test
    void store_nullText_isOmittedInEveryMode() {
        ContentPolicy full = ContentPolicy.of(ContentMode.FULL, ContentMode.REDACTED);
        assertThat(full.prompt(null, null)).isEqualTo(Content.OMITTED);
        assertThat(full.response(null, null)).isEqualTo(Content.OMITTED);
    }

    @Test
    void store_redactedWithoutRedactedText_refusesRatherThanLeakOriginal() {
        ContentPolicy policy = ContentPolicy.of(ContentMode.REDACTED, ContentMode.NONE);
        assertThatThrownBy(() -> policy.prompt("card 4111 1111 1111 1111", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redacted text");
    }

    @Test
    void of_hmacWithoutKey_isRejected() {
        assertThatThrownBy(() -> ContentPolicy.of(ContentMode.HMAC_SHA256, ContentMode.NONE))
                .hasMessageContaining("needs a key");
        assertThatThrownBy(() -> ContentPolicy.withHmacKey(ContentMode.HMAC_SHA256, ContentMode.NONE, "k", new byte[8]))
                .hasMessageContaining("at least 16 bytes");
    }

    @Test
    void redact_overlappingAndAdjacentSpans_mergesAndKeepsOtherMessagesUntouched() {
        String text = "mail a@b.co or call 555-1234 now";
        List<Finding> findings = List.of(
                new Finding("pii.email", Finding.Phase.INPUT, 0, 5, 11, "redact"),
                new Finding("pii.phone", Finding.Phase.INPUT, 0, 20, 28, "redact"),
                new Finding("pii.digits", Finding.Phase.INPUT, 0, 24, 28, "redact"),
                new Finding("pii.email", Finding.Phase.INPUT, 1, 0, 4, "redact"),
                new Finding("pii.email", Finding.Phase.OUTPUT, 0, 0, 4, "redact"));
        assertThat(ContentPolicy.redact(text, findings, Finding.Phase.INPUT, 0))
                .isEqualTo("mail [REDACTED:pii.email] or call [REDACTED:pii.phone] now");
        assertThat(ContentPolicy.redact(text, findings, Finding.Phase.INPUT, 5)).isEqualTo(text);
    }
}

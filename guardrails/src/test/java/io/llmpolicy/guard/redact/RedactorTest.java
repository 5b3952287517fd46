package io.llmpolicy.guard.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmpolicy.guard.Finding;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private static final String TEXT = "Mail a@b.io or c@d.io, again a@b.io; card 4111111111111111.";
    private static final List<Finding> FINDINGS = List.of(
            new Finding("pii.email", 5, 11, "email"),
            new Finding("pii.email", 15, 21, "email"),
            new Finding("pii.email", 29, 35, "email"),
            new Finding("pii.credit_card", 42, 58, "visa"));

    @Test
    void mask_keepingLength_replacesEachCodePointWithTheMaskChar() {
        Redacted r = Redactor.of(RedactionStyle.maskKeepingLength()).redact(TEXT, FINDINGS);
        assertThat(r.text()).isEqualTo("Mail ****** or ******, again ******; card ****************.");
        assertThat(r.replacements()).extracting(Replacement::outputStart).containsExactly(5, 15, 29, 42);
    }

    @Test
    void mask_fixed_usesTheFixedText() {
        Redacted r = Redactor.of(RedactionStyle.fixedMask("****")).redact(TEXT, FINDINGS);
        assertThat(r.text()).isEqualTo("Mail **** or ****, again ****; card ****.");
        assertThat(r.replacements().get(1)).isEqualTo(new Replacement(15, 21, 13, 17, "pii.email"));
    }

    @Test
    void placeholder_numbersPerType_sameValueSameNumber_acrossMessagesOfOneRequest() {
        RedactionContext request = Redactor.of(RedactionStyle.placeholder()).newRequest();
        assertThat(request.redact(TEXT, FINDINGS).text())
                .isEqualTo("Mail <EMAIL_1> or <EMAIL_2>, again <EMAIL_1>; card <CREDIT_CARD_1>.");
        assertThat(request.apply("reply to c@d.io", List.of(new Finding("pii.email", 9, 15, "email"))))
                .isEqualTo("reply to <EMAIL_2>");
        RedactionContext other = Redactor.of(RedactionStyle.placeholder()).newRequest();
        assertThat(other.apply("reply to c@d.io", List.of(new Finding("pii.email", 9, 15, "email"))))
                .isEqualTo("reply to <EMAIL_1>");
    }

    @Test
    void keyedHash_isTruncatedHmacSha256OfTheValue() throws Exception {
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String hex = HexFormat.of().formatHex(mac.doFinal("a@b.io".getBytes(StandardCharsets.UTF_8))).substring(0, 8);
        Redacted r = Redactor.of(RedactionStyle.keyedHash(key)).redact(TEXT, FINDINGS);
        assertThat(r.text()).startsWith("Mail <EMAIL:" + hex + "> or <EMAIL:").contains("again <EMAIL:" + hex + ">;");
        assertThat(r.text()).doesNotContain("a@b.io").doesNotContain("4111");
        assertThat(new RedactionStyle.KeyedHash(key, 8).toString()).doesNotContain("0123");
    }

    @Test
    void overlappingFindings_mergeIntoTheirUnion_namedAfterTheFirst() {
        String text = "see https://x.io/?token=eyJabc.def.ghi now";
        List<Finding> fs = List.of(new Finding("secret.jwt", 24, 38, "jwt"), new Finding("pii.url", 4, 38, "url"));
        Redacted r = Redactor.of(RedactionStyle.placeholder()).redact(text, fs);
        assertThat(r.text()).isEqualTo("see <URL_1> now");
        assertThat(r.replacements()).containsExactly(new Replacement(4, 38, 4, 11, "pii.url"));
    }

    @Test
    void touchingFindings_stayApart_andTextOutsideIsUnchanged() {
        String text = "ab😀cd";
        List<Finding> fs = List.of(new Finding("x.a", 0, 2, "a"), new Finding("x.b", 2, 3, "b"));
        Redacted r = Redactor.of(RedactionStyle.placeholder()).redact(text, fs);
        assertThat(r.text()).isEqualTo("<A_1><B_1>cd");
        assertThat(Redactor.of(RedactionStyle.maskKeepingLength()).redact(text, fs).text()).isEqualTo("***cd");
    }

    @Test
    void findingsOutsideTheText_areRejectedWithAClearMessage() {
        assertThatThrownBy(() -> Redactor.of(RedactionStyle.placeholder()).redact("short", List.of(new Finding("pii.email", 2, 9, "email"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the text");
        assertThatThrownBy(() -> RedactionStyle.keyedHash(new byte[4])).hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> new RedactionStyle.KeyedHash(new byte[16], 7)).hasMessageContaining("even");
    }
}

package com.acme.llmpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmpolicy.plugin.Finding;
import io.llmpolicy.plugin.ValueType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit tests of the extensions themselves; loading the built zip through the host is tested in plugin-host. */
class ExamplePluginTest {

    @Test
    void detector_findsTicketIds_inCodePoints() {
        String text = "😀 see TCK-123456 and TCK-000001, not TCK-12345 or XTCK-123456";
        List<Finding> f = new TicketIdDetector().scan(text);
        assertThat(f).containsExactly(new Finding("acme.ticket_id", 6, 16, "ticket id"),
                new Finding("acme.ticket_id", 21, 31, "ticket id"));
        int[] cps = text.codePoints().toArray();
        assertThat(new String(cps, 6, 10)).isEqualTo("TCK-123456");
    }

    @Test
    void keywordOverlap_isTheFractionOfKeywordsPresent() {
        KeywordOverlap fn = new KeywordOverlap();
        assertThat(fn.apply(List.of("I want a REFUND now", List.of("refund", "chargeback")))).isEqualTo(0.5);
        assertThat(fn.apply(List.of("hello", List.of()))).isEqualTo(0.0);
        assertThat(fn.signature().parameters()).containsExactly(ValueType.STRING, ValueType.list(ValueType.STRING));
        assertThat(fn.signature().returns()).isEqualTo(ValueType.NUMBER);
    }
}

package com.acme.llmpolicy;

import io.llmpolicy.plugin.Finding;
import io.llmpolicy.plugin.GuardrailDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Finds ACME support ticket ids ({@code TCK-} and six digits) so a policy can redact them before a prompt leaves
 * the company: {@code guardrail input { redact acme.ticket_id }}.
 *
 * <p>Thread-safe: stateless; the pattern is immutable and matchers are per call. Linear in the text.
 */
@Extension
public final class TicketIdDetector implements GuardrailDetector {
    private static final Pattern TICKET = Pattern.compile("\\bTCK-\\d{6}\\b");

    @Override
    public String id() {
        return "acme.ticket_id";
    }

    @Override
    public List<Finding> scan(String text) {
        List<Finding> findings = new ArrayList<>();
        Matcher m = TICKET.matcher(text);
        while (m.find()) {
            // findings count code points, the matcher counts UTF-16 chars: convert
            int start = text.codePointCount(0, m.start());
            int end = start + text.codePointCount(m.start(), m.end());
            findings.add(new Finding(id(), start, end, "ticket id"));
        }
        return findings;
    }
}

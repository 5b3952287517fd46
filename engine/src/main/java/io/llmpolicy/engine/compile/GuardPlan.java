package io.llmpolicy.engine.compile;

import io.llmpolicy.guard.GuardrailSet;
import io.llmpolicy.guard.output.JsonSchemaCheck;
import io.llmpolicy.guard.redact.RedactionStyle;
import java.util.List;
import java.util.Set;

/**
 * A compiled guardrail: every detector of every statement in one {@link GuardrailSet}, so each text is scanned once
 * per guardrail; each finding is then attributed to the statements whose checks produced it.
 *
 * @param set the detectors of all statements, or null when no statement scans text
 */
public record GuardPlan(String name, boolean output, Node when, boolean monitor, GuardrailSet set, List<Rule> rules) {

    public enum Verb { DENY, REDACT, FLAG }

    public enum Kind { DETECT, WHEN, SIZE, JSON, PLUGIN }

    /**
     * One statement. For {@code DETECT} a finding belongs to it when its detector id is in {@code detectors} or, for
     * phrase lists and regexes, when its label is {@code label}.
     */
    public record Rule(Verb verb, Kind kind, Set<String> detectors, String label, Node condition, long maxTokens,
                       JsonSchemaCheck schema, String plugin, RedactionStyle redaction, String reason, String source) {

        public boolean owns(io.llmpolicy.guard.Finding f) {
            if (kind != Kind.DETECT) return false;
            if (label != null) return label.equals(f.label()) && (f.detector().equals(io.llmpolicy.guard.Finding.PHRASE)
                    || f.detector().equals(io.llmpolicy.guard.Finding.REGEX));
            return detectors.contains(f.detector());
        }
    }
}

package io.llmpolicy.trace.query;

import static io.llmpolicy.trace.query.TraceFields.*;

import com.fasterxml.jackson.core.JsonGenerator;
import io.llmpolicy.trace.Attempt;
import io.llmpolicy.trace.BudgetCharge;
import io.llmpolicy.trace.Content;
import io.llmpolicy.trace.EvalResult;
import io.llmpolicy.trace.Finding;
import io.llmpolicy.trace.MetaValue;
import io.llmpolicy.trace.TraceEntry;
import io.llmpolicy.trace.TraceRecord;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Writes an entry, or one structured field of it, as JSON with the schema's field names. Stateless. */
final class RecordJson {

    private RecordJson() {
    }

    static void writeEntry(JsonGenerator g, TraceEntry e) throws IOException {
        TraceRecord r = e.record();
        g.writeStartObject();
        g.writeNumberField(SEQUENCE, e.sequence());
        g.writeStringField(CHAIN_HASH, e.chainHash());
        g.writeStringField(RECORD_ID, r.recordId());
        g.writeStringField(REQUEST_ID, r.requestId());
        g.writeNumberField(START_TIME, r.startTimeUnixNano());
        g.writeNumberField(END_TIME, r.endTimeUnixNano());
        g.writeStringField(POLICY_NAME, r.policy().name());
        g.writeStringField(POLICY_VERSION, r.policy().version());
        g.writeStringField(POLICY_HASH, r.policy().hash());
        g.writeFieldName(RULES_FIRED);
        strings(g, r.rulesFired());
        g.writeStringField(ACTION, r.action());
        g.writeFieldName(REASONS);
        strings(g, r.reasons());
        g.writeStringField(ROUTE_TARGET, r.routeTarget());
        g.writeFieldName(ATTEMPTS);
        writeStructured(g, e, ATTEMPTS);
        g.writeStringField(PROVIDER_NAME, r.providerName());
        g.writeStringField(REQUEST_MODEL, r.requestModel());
        g.writeStringField(RESPONSE_MODEL, r.responseModel());
        g.writeNumberField(INPUT_TOKENS, r.inputTokens());
        g.writeNumberField(OUTPUT_TOKENS, r.outputTokens());
        g.writeNumberField(CACHED_INPUT_TOKENS, r.cachedInputTokens());
        g.writeNumberField(COST, r.costNanoUsd());
        for (String nested : List.of(BUDGET_CHARGES, FINDINGS, EVALS)) {
            g.writeFieldName(nested);
            writeStructured(g, e, nested);
        }
        g.writeStringField(ERROR_TYPE, r.errorType());
        for (String nested : List.of(METADATA, PROMPT, RESPONSE)) {
            g.writeFieldName(nested);
            writeStructured(g, e, nested);
        }
        g.writeEndObject();
    }

    /** Writes the value of a list or structured top-level field (attempts, findings, metadata, prompt, ...). */
    static void writeStructured(JsonGenerator g, TraceEntry e, String field) throws IOException {
        TraceRecord r = e.record();
        switch (field) {
            case RULES_FIRED -> strings(g, r.rulesFired());
            case REASONS -> strings(g, r.reasons());
            case ATTEMPTS -> {
                g.writeStartArray();
                for (Attempt a : r.attempts()) {
                    g.writeStartObject();
                    g.writeStringField(PROVIDER_NAME, a.providerName());
                    g.writeStringField(REQUEST_MODEL, a.model());
                    g.writeStringField(ERROR_TYPE, a.errorType());
                    g.writeNumberField(ATTEMPT_LATENCY, a.latencyNanos());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            case BUDGET_CHARGES -> {
                g.writeStartArray();
                for (BudgetCharge c : r.budgetCharges()) {
                    g.writeStartObject();
                    g.writeStringField(BUDGET_NAME, c.budget());
                    g.writeStringField(BUDGET_KEY, c.key());
                    g.writeNumberField(BUDGET_AMOUNT, c.amount());
                    g.writeStringField(BUDGET_UNIT, c.unit());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            case FINDINGS -> {
                g.writeStartArray();
                for (Finding f : r.findings()) {
                    g.writeStartObject();
                    g.writeStringField(FINDING_DETECTOR, f.detector());
                    g.writeStringField(FINDING_PHASE, lower(f.phase()));
                    g.writeNumberField(FINDING_MESSAGE_INDEX, f.messageIndex());
                    g.writeNumberField(FINDING_START, f.start());
                    g.writeNumberField(FINDING_END, f.end());
                    g.writeStringField(FINDING_ACTION, f.action());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            case EVALS -> {
                g.writeStartArray();
                for (EvalResult v : r.evalResults()) {
                    g.writeStartObject();
                    g.writeStringField(EVAL_NAME, v.name());
                    if (Double.isNaN(v.score()) || Double.isInfinite(v.score())) {
                        g.writeNullField(EVAL_SCORE);
                    } else {
                        g.writeNumberField(EVAL_SCORE, v.score());
                    }
                    g.writeStringField(EVAL_LABEL, v.label());
                    g.writeStringField(EVAL_EXPLANATION, v.explanation());
                    if (v.passed() == null) {
                        g.writeNullField(EVAL_PASSED);
                    } else {
                        g.writeBooleanField(EVAL_PASSED, v.passed());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            case METADATA -> {
                g.writeStartObject();
                for (Map.Entry<String, MetaValue> m : r.metadata().entrySet()) {
                    g.writeFieldName(m.getKey());
                    switch (m.getValue()) {
                        case MetaValue.Text t -> g.writeString(t.value());
                        case MetaValue.TextList l -> strings(g, l.values());
                    }
                }
                g.writeEndObject();
            }
            case PROMPT -> content(g, r.prompt());
            case RESPONSE -> content(g, r.response());
            default -> throw new IllegalArgumentException("not a structured field: " + field);
        }
    }

    private static void content(JsonGenerator g, Content c) throws IOException {
        g.writeStartObject();
        g.writeStringField(CONTENT_MODE, modeName(c));
        switch (c) {
            case Content.Omitted o -> { }
            case Content.KeyedHash h -> {
                g.writeStringField(CONTENT_KEY_ID, h.keyId());
                g.writeStringField(CONTENT_VALUE, h.hex());
            }
            case Content.Redacted t -> g.writeStringField(CONTENT_VALUE, t.text());
            case Content.Full t -> g.writeStringField(CONTENT_VALUE, t.text());
        }
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, List<String> values) throws IOException {
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}

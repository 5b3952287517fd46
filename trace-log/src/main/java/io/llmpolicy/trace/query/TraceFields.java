package io.llmpolicy.trace.query;

import io.llmpolicy.trace.Attempt;
import io.llmpolicy.trace.BudgetCharge;
import io.llmpolicy.trace.Content;
import io.llmpolicy.trace.EvalResult;
import io.llmpolicy.trace.Finding;
import io.llmpolicy.trace.MetaValue;
import io.llmpolicy.trace.TraceEntry;
import io.llmpolicy.trace.TraceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The schema's field names (docs/trace-schema.md) and how to read each from an entry. These names are the JSON
 * keys of {@code --format jsonl}, the CSV header, and what {@code --where FIELD=VALUE} accepts. OpenTelemetry
 * GenAI names are used where a convention exists; the rest are under {@code llmpolicy.}. Stateless, thread-safe.
 */
public final class TraceFields {

    public static final String SEQUENCE = "llmpolicy.sequence";
    public static final String CHAIN_HASH = "llmpolicy.chain_hash";
    public static final String RECORD_ID = "llmpolicy.record_id";
    public static final String REQUEST_ID = "llmpolicy.request_id";
    public static final String START_TIME = "start_time_unix_nano";
    public static final String END_TIME = "end_time_unix_nano";
    public static final String POLICY_NAME = "llmpolicy.policy.name";
    public static final String POLICY_VERSION = "llmpolicy.policy.version";
    public static final String POLICY_HASH = "llmpolicy.policy.hash";
    public static final String RULES_FIRED = "llmpolicy.rules_fired";
    public static final String ACTION = "llmpolicy.action";
    public static final String REASONS = "llmpolicy.reasons";
    public static final String ROUTE_TARGET = "llmpolicy.route.target";
    public static final String ATTEMPTS = "llmpolicy.attempts";
    public static final String PROVIDER_NAME = "gen_ai.provider.name";
    public static final String REQUEST_MODEL = "gen_ai.request.model";
    public static final String RESPONSE_MODEL = "gen_ai.response.model";
    public static final String INPUT_TOKENS = "gen_ai.usage.input_tokens";
    public static final String OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
    public static final String CACHED_INPUT_TOKENS = "gen_ai.usage.cache_read.input_tokens";
    public static final String COST = "llmpolicy.cost.nano_usd";
    public static final String BUDGET_CHARGES = "llmpolicy.budget_charges";
    public static final String FINDINGS = "llmpolicy.findings";
    public static final String EVALS = "llmpolicy.evals";
    public static final String ERROR_TYPE = "error.type";
    public static final String METADATA = "llmpolicy.metadata";
    public static final String PROMPT = "llmpolicy.prompt";
    public static final String RESPONSE = "llmpolicy.response";

    /** Keys inside the elements of the list fields and the content objects. */
    public static final String ATTEMPT_LATENCY = "llmpolicy.latency_nanos";
    public static final String BUDGET_NAME = "llmpolicy.budget.name";
    public static final String BUDGET_KEY = "llmpolicy.budget.key";
    public static final String BUDGET_AMOUNT = "llmpolicy.budget.amount";
    public static final String BUDGET_UNIT = "llmpolicy.budget.unit";
    public static final String FINDING_DETECTOR = "detector";
    public static final String FINDING_PHASE = "phase";
    public static final String FINDING_MESSAGE_INDEX = "message_index";
    public static final String FINDING_START = "start";
    public static final String FINDING_END = "end";
    public static final String FINDING_ACTION = "action";
    public static final String EVAL_NAME = "gen_ai.evaluation.name";
    public static final String EVAL_SCORE = "gen_ai.evaluation.score.value";
    public static final String EVAL_LABEL = "gen_ai.evaluation.score.label";
    public static final String EVAL_EXPLANATION = "gen_ai.evaluation.explanation";
    public static final String EVAL_PASSED = "llmpolicy.evaluation.passed";
    public static final String CONTENT_MODE = "mode";
    public static final String CONTENT_KEY_ID = "key_id";
    public static final String CONTENT_VALUE = "value";

    private static final List<Field> FIELDS = List.of(
            scalar(SEQUENCE, e -> Long.toString(e.sequence())),
            scalar(CHAIN_HASH, TraceEntry::chainHash),
            scalar(RECORD_ID, e -> e.record().recordId()),
            scalar(REQUEST_ID, e -> e.record().requestId()),
            scalar(START_TIME, e -> Long.toString(e.record().startTimeUnixNano())),
            scalar(END_TIME, e -> Long.toString(e.record().endTimeUnixNano())),
            scalar(POLICY_NAME, e -> e.record().policy().name()),
            scalar(POLICY_VERSION, e -> e.record().policy().version()),
            scalar(POLICY_HASH, e -> e.record().policy().hash()),
            list(RULES_FIRED, e -> e.record().rulesFired()),
            scalar(ACTION, e -> e.record().action()),
            list(REASONS, e -> e.record().reasons()),
            scalar(ROUTE_TARGET, e -> e.record().routeTarget()),
            nested(ATTEMPTS),
            scalar(PROVIDER_NAME, e -> e.record().providerName()),
            scalar(REQUEST_MODEL, e -> e.record().requestModel()),
            scalar(RESPONSE_MODEL, e -> e.record().responseModel()),
            scalar(INPUT_TOKENS, e -> Long.toString(e.record().inputTokens())),
            scalar(OUTPUT_TOKENS, e -> Long.toString(e.record().outputTokens())),
            scalar(CACHED_INPUT_TOKENS, e -> Long.toString(e.record().cachedInputTokens())),
            scalar(COST, e -> Long.toString(e.record().costNanoUsd())),
            nested(BUDGET_CHARGES),
            nested(FINDINGS),
            nested(EVALS),
            scalar(ERROR_TYPE, e -> e.record().errorType()),
            nested(METADATA),
            nested(PROMPT),
            nested(RESPONSE));

    private TraceFields() {
    }

    /** The top-level field names in schema order. */
    public static List<String> names() {
        return FIELDS.stream().map(Field::name).toList();
    }

    /**
     * Whether {@code field} names something in the schema: a top-level field, a key inside a list or content
     * field ({@code llmpolicy.findings.detector}), or a traced metadata key ({@code llmpolicy.metadata.team}).
     */
    public static boolean isSchemaField(String field) {
        for (Field f : FIELDS) {
            if (f.name().equals(field) || (f.extract() == null && field.startsWith(f.name() + "."))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The values of {@code field} in {@code entry} as strings: one value for a scalar, one per element for a
     * list, nothing when absent. Nested keys address list elements ({@code llmpolicy.attempts.error.type},
     * {@code llmpolicy.findings.detector}, {@code llmpolicy.evals.gen_ai.evaluation.name}) and content
     * ({@code llmpolicy.prompt.mode}). A name that is not in the schema is looked up as a traced metadata key, so
     * {@code team} and {@code llmpolicy.metadata.team} are the same. Numbers are in decimal, enums in lower case.
     */
    public static List<String> values(TraceEntry entry, String field) {
        for (Field f : FIELDS) {
            if (f.extract() != null && f.name().equals(field)) {
                return f.extract().apply(entry);
            }
        }
        TraceRecord r = entry.record();
        List<String> out = new ArrayList<>();
        if (field.startsWith(ATTEMPTS + ".")) {
            String key = field.substring(ATTEMPTS.length() + 1);
            for (Attempt a : r.attempts()) {
                add(out, switch (key) {
                    case PROVIDER_NAME -> a.providerName();
                    case REQUEST_MODEL -> a.model();
                    case ERROR_TYPE -> a.errorType();
                    case ATTEMPT_LATENCY -> Long.toString(a.latencyNanos());
                    default -> null;
                });
            }
        } else if (field.startsWith(BUDGET_CHARGES + ".")) {
            String key = field.substring(BUDGET_CHARGES.length() + 1);
            for (BudgetCharge c : r.budgetCharges()) {
                add(out, switch (key) {
                    case BUDGET_NAME -> c.budget();
                    case BUDGET_KEY -> c.key();
                    case BUDGET_AMOUNT -> Long.toString(c.amount());
                    case BUDGET_UNIT -> c.unit();
                    default -> null;
                });
            }
        } else if (field.startsWith(FINDINGS + ".")) {
            String key = field.substring(FINDINGS.length() + 1);
            for (Finding f : r.findings()) {
                add(out, switch (key) {
                    case FINDING_DETECTOR -> f.detector();
                    case FINDING_PHASE -> lower(f.phase());
                    case FINDING_MESSAGE_INDEX -> Integer.toString(f.messageIndex());
                    case FINDING_START -> Integer.toString(f.start());
                    case FINDING_END -> Integer.toString(f.end());
                    case FINDING_ACTION -> f.action();
                    default -> null;
                });
            }
        } else if (field.startsWith(EVALS + ".")) {
            String key = field.substring(EVALS.length() + 1);
            for (EvalResult e : r.evalResults()) {
                add(out, switch (key) {
                    case EVAL_NAME -> e.name();
                    case EVAL_SCORE -> Double.isNaN(e.score()) ? null : Double.toString(e.score());
                    case EVAL_LABEL -> e.label();
                    case EVAL_EXPLANATION -> e.explanation();
                    case EVAL_PASSED -> e.passed() == null ? null : e.passed().toString();
                    default -> null;
                });
            }
        } else if (field.startsWith(PROMPT + ".")) {
            contentValue(out, r.prompt(), field.substring(PROMPT.length() + 1));
        } else if (field.startsWith(RESPONSE + ".")) {
            contentValue(out, r.response(), field.substring(RESPONSE.length() + 1));
        } else {
            String key = field.startsWith(METADATA + ".") ? field.substring(METADATA.length() + 1) : field;
            MetaValue v = metadata(r, key);
            if (v != null) {
                out.addAll(v.asList());
            }
        }
        return out;
    }

    /**
     * A traced metadata value by key; {@code team} also finds {@code request.team}, the attribute's name in a
     * policy, so filters and reports work whichever name the engine stored.
     */
    public static MetaValue metadata(TraceRecord r, String key) {
        MetaValue v = r.metadata().get(key);
        return v != null || key.startsWith("request.") ? v : r.metadata().get("request." + key);
    }

    /** The lower-case name used for content modes in output: none, hmac_sha256, redacted, full. */
    public static String modeName(Content c) {
        return lower(c.mode());
    }

    private static void contentValue(List<String> out, Content c, String key) {
        switch (key) {
            case CONTENT_MODE -> out.add(modeName(c));
            case CONTENT_KEY_ID -> add(out, c instanceof Content.KeyedHash h ? h.keyId() : null);
            case CONTENT_VALUE -> add(out, switch (c) {
                case Content.KeyedHash h -> h.hex();
                case Content.Redacted t -> t.text();
                case Content.Full t -> t.text();
                case Content.Omitted o -> null;
            });
            default -> { }
        }
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static void add(List<String> out, String value) {
        if (value != null) {
            out.add(value);
        }
    }

    private record Field(String name, Function<TraceEntry, List<String>> extract) {
    }

    private static Field scalar(String name, Function<TraceEntry, String> f) {
        return new Field(name, e -> {
            String v = f.apply(e);
            return v == null ? List.of() : List.of(v);
        });
    }

    private static Field list(String name, Function<TraceEntry, List<String>> f) {
        return new Field(name, f);
    }

    /** A structured field: addressed by its nested keys, written as JSON. */
    private static Field nested(String name) {
        return new Field(name, null);
    }
}

package io.llmpolicy.dsl.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names the language provides: request attributes every request has, functions, detector kinds, error classes.
 * The engine implements each of these; docs/language.md lists them.
 */
public final class Builtins {
    private Builtins() {}

    /** A function signature; a parameter of type {@code null} accepts a string or a list. */
    public record Signature(String name, List<Type> params, Type returns, String doc) {}

    /** Attributes present on every request, whatever the schema declares. */
    public static final Map<String, Type> REQUEST_ATTRIBUTES = ordered(
            "id", Type.STRING, "model", Type.STRING, "input_tokens", Type.TOKENS, "max_tokens", Type.TOKENS);

    public static final Map<String, Signature> FUNCTIONS;

    static {
        Map<String, Signature> f = new LinkedHashMap<>();
        add(f, "lower", List.of(Type.STRING), Type.STRING, "lower case");
        add(f, "upper", List.of(Type.STRING), Type.STRING, "upper case");
        add(f, "len", java.util.Collections.singletonList(null), Type.NUMBER, "length of a string (code points) or a list");
        add(f, "is_json", List.of(Type.STRING), Type.BOOL, "the whole text is one JSON value");
        add(f, "contains_json", List.of(Type.STRING), Type.BOOL, "the text contains a JSON object or array");
        add(f, "levenshtein", List.of(Type.STRING, Type.STRING), Type.NUMBER, "edit distance");
        add(f, "similarity", List.of(Type.STRING, Type.STRING), Type.NUMBER, "1 - edit distance / longer length, in [0, 1]");
        add(f, "bleu", List.of(Type.STRING, Type.STRING), Type.NUMBER, "sentence BLEU-4 of candidate against reference");
        add(f, "rouge", List.of(Type.NUMBER, Type.STRING, Type.STRING), Type.NUMBER, "ROUGE-N F1 of candidate against reference");
        FUNCTIONS = java.util.Collections.unmodifiableMap(f);
    }

    /** Aggregates usable only in {@code alert when ... over D} of an eval. */
    public static final Set<String> EVAL_AGGREGATES = Set.of("mean", "p95");

    public static final List<String> ERROR_CLASSES =
            List.of("rate_limited", "timeout", "server_error", "network", "context_length", "content_filter", "auth", "bad_request", "any");

    public static final List<String> PII_KINDS = List.of("email", "phone", "credit_card", "iban", "ssn", "ipv4", "ipv6",
            "url", "mac", "crypto_wallet", "date_of_birth");

    public static final List<String> SECRET_KINDS = List.of("aws_access_key", "aws_secret_key", "gcp_api_key",
            "azure_key", "openai_api_key", "anthropic_api_key", "github_token", "slack_token", "stripe_key", "jwt",
            "private_key", "generic");

    public static final List<String> CALENDAR_UNITS = List.of("minute", "hour", "day", "week", "month");
    public static final List<String> PHASES = List.of("input", "output");
    public static final List<String> REDACTIONS = List.of("mask", "placeholder", "hash");
    public static final List<String> TRACE_CONTENT = List.of("prompt", "response");
    public static final List<String> TRACE_MODES = List.of("none", "hash", "redacted", "full");
    public static final List<String> ENCODINGS = List.of("o200k_base", "cl100k_base", "p50k_base", "r50k_base", "estimate");
    public static final List<String> BUDGET_STATES = List.of("ok", "alert", "exceeded");
    public static final List<String> EVAL_OUTCOMES = List.of("pass", "fail", "skipped");

    /** Keys a test's {@code request { }} may set besides the declared attributes. */
    public static final Map<String, Type> TEST_REQUEST_KEYS = ordered(
            "id", Type.STRING, "model", Type.STRING, "prompt", Type.STRING, "system", Type.STRING,
            "max_tokens", Type.TOKENS, "time", Type.STRING);

    /** Keys a test's {@code response { }} may set. */
    public static final Map<String, Type> TEST_RESPONSE_KEYS = ordered(
            "content", Type.STRING, "status", Type.NUMBER, "latency", Type.DURATION, "model", Type.STRING,
            "input_tokens", Type.TOKENS, "output_tokens", Type.TOKENS, "cached_input_tokens", Type.TOKENS,
            "error", Type.STRING);

    private static void add(Map<String, Signature> map, String name, List<Type> params, Type returns, String doc) {
        map.put(name, new Signature(name, params, returns, doc));
    }

    private static Map<String, Type> ordered(Object... pairs) {
        Map<String, Type> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], (Type) pairs[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }
}

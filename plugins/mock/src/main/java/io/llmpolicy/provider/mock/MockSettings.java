package io.llmpolicy.provider.mock;

import io.llmpolicy.plugin.EndpointConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The mock's options, parsed and validated once (see the package documentation). Immutable. */
record MockSettings(long seed, Duration latency, Duration latencyPerToken, Duration latencyJitter, boolean realDelay,
                    int minOutputTokens, int maxOutputTokens, Optional<String> reply, int chunkWords,
                    long contextWindow, List<String> models, List<FailureRule> failures) {

    private static final Set<String> OPTIONS = Set.of("seed", "latency", "latency_per_token", "latency_jitter",
            "real_delay", "output_tokens", "reply", "chunk_words", "context_window", "models");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)");
    private static final Pattern RANGE = Pattern.compile("(\\d+)(?:\\.\\.(\\d+))?");

    static MockSettings from(EndpointConfig config) {
        Map<String, String> o = config.options();
        List<FailureRule> failures = new ArrayList<>();
        for (Map.Entry<String, String> e : o.entrySet()) {
            if (e.getKey().startsWith("fail.")) {
                failures.add(FailureRule.parse(e.getKey(), e.getValue()));
            } else if (!OPTIONS.contains(e.getKey())) {
                throw new IllegalArgumentException("endpoint '" + config.name() + "': unknown mock option '"
                        + e.getKey() + "'; known options: " + String.join(", ", OPTIONS.stream().sorted().toList())
                        + ", fail.first|fraction|midstream.MODEL");
            }
        }
        Matcher range = RANGE.matcher(o.getOrDefault("output_tokens", "20..200").strip());
        if (!range.matches()) {
            throw new IllegalArgumentException("mock option output_tokens must be N or MIN..MAX, got '" + o.get("output_tokens") + "'");
        }
        int min = Integer.parseInt(range.group(1));
        int max = range.group(2) == null ? min : Integer.parseInt(range.group(2));
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("mock option output_tokens needs 1 <= MIN <= MAX, got '" + o.get("output_tokens") + "'");
        }
        return new MockSettings(
                number(o, "seed", 0, Long.MIN_VALUE),
                duration("latency", o.getOrDefault("latency", "100ms")),
                duration("latency_per_token", o.getOrDefault("latency_per_token", "0ms")),
                duration("latency_jitter", o.getOrDefault("latency_jitter", "0ms")),
                bool(o, "real_delay"),
                min, max,
                Optional.ofNullable(o.get("reply")),
                (int) number(o, "chunk_words", 4, 1),
                number(o, "context_window", 128_000, 1),
                Arrays.stream(o.getOrDefault("models", "mock-small,mock-large").split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).toList(),
                List.copyOf(failures));
    }

    /** Parses {@code 150ms}, {@code 2s}, {@code 1.5s}, {@code 1m}. */
    static Duration duration(String option, String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("mock option " + option + " must be a duration like 150ms, 2s or 1m, got '" + text + "'");
        }
        double n = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1000;
            default -> n * 60_000;
        };
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    private static long number(Map<String, String> o, String key, long fallback, long min) {
        String v = o.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n < min) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("mock option " + key + " must be an integer"
                    + (min > Long.MIN_VALUE ? " >= " + min : "") + ", got '" + v + "'");
        }
    }

    private static boolean bool(Map<String, String> o, String key) {
        String v = o.getOrDefault(key, "false").strip();
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("mock option " + key + " must be true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }
}

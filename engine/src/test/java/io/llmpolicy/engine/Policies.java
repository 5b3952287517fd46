package io.llmpolicy.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Test helpers: engines from policy text written to a temporary directory. */
final class Policies {
    private Policies() {}

    static Path write(Path dir, String text) {
        try {
            Path f = Files.createTempFile(dir, "policy", ".llmpolicy");
            Files.writeString(f, text);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PolicyEngine engine(Path dir, String text) {
        return PolicyEngine.builder().policy(write(dir, text)).clock(Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC)).build();
    }

    static final String MODELS = """
            model a = openai "gpt-4o" price in $2.50/M out $10/M context 128k
            model b = anthropic "claude-sonnet-4" price in $3/M out $15/M context 200k
            model c = openai "gpt-4o-mini" price in $0.15/M out $0.60/M context 8k
            """;
}

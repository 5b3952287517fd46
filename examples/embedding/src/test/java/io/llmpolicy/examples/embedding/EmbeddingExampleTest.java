package io.llmpolicy.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmpolicy.engine.Decision;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingExampleTest {
    @TempDir
    Path dir;

    @Test
    void example_decidesFailsOverCompletesAndReloads() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Decision last = EmbeddingExample.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("decided: strong via anthropic claude-sonnet-4, fallbacks [fast]");
        assertThat(out).contains("strong failed: rate_limited");
        assertThat(out).contains("answered by fast");
        assertThat(out).contains("reloaded: applied=true now serving version 2");
        assertThat(out).contains("broken version rejected: applied=false, still serving 2");
        assertThat(out).contains("error[E202]: unknown model 'gone'");
        assertThat(last.target()).isEqualTo("fast");
        assertThat(last.policy().version()).isEqualTo("2");
    }
}

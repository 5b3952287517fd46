package io.llmpolicy.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceKeysTest {

    @TempDir
    Path dir;

    @Test
    void pem_roundTrip_signsCheckpointsThatVerifyWithTheReadPublicKey() throws Exception {
        KeyPair generated = TraceKeys.generate();
        TraceKeys.writePrivateKey(generated.getPrivate(), dir.resolve("trace.key"));
        TraceKeys.writePublicKey(generated.getPublic(), dir.resolve("trace.pub"));
        assertThat(Files.readString(dir.resolve("trace.pub"))).startsWith("-----BEGIN PUBLIC KEY-----");

        KeyPair loaded = TraceKeys.readKeyPair(dir.resolve("trace.key"), dir.resolve("trace.pub"));
        assertThat(TraceKeys.keyId(loaded.getPublic())).isEqualTo(TraceKeys.keyId(generated.getPublic())).hasSize(16);

        Path log = dir.resolve("log");
        try (TraceWriter w = TraceWriter.open(TraceConfig.builder(log).signingKey(loaded).build())) {
            w.append(Fixtures.full(1));
        }
        VerifyResult result = TraceVerifier.verify(log, TraceKeys.readPublicKey(dir.resolve("trace.pub")));
        assertThat(result.intact()).as(result.describe()).isTrue();
        assertThat(result.signaturesChecked()).isTrue();
        assertThat(result.checkpointsChecked()).isEqualTo(1); // the close checkpoint
        assertThat(Files.readString(log.resolve("checkpoints.jsonl")))
                .contains("\"kind\":\"close\"", "\"key_id\":\"" + TraceKeys.keyId(generated.getPublic()) + "\"");
    }

    @Test
    void readPublicKey_notPem_saysWhichFile() throws Exception {
        Files.writeString(dir.resolve("bad.pub"), "hello");
        assertThatThrownBy(() -> TraceKeys.readPublicKey(dir.resolve("bad.pub")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad.pub");
    }
}

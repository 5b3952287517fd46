package io.llmpolicy.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The append-only checkpoint file, {@code checkpoints.jsonl} in the trace directory: one JSON object per line.
 *
 * <p>Concurrency: writers in several threads and processes append to the same file. Each entry is one
 * {@code write(2)} of a whole line on a descriptor opened with {@code O_APPEND}; on a local Linux file system
 * that places and writes the line atomically with respect to other appenders, and a killed process cannot
 * leave half a line (the kernel finishes the system call). Only a power loss can tear the last line; opening a
 * log first ends such a fragment with a newline so later entries stay on lines of their own, and readers
 * report lines that do not parse instead of stopping. Lines may appear out of sequence order (two processes
 * checkpoint concurrently); readers sort by sequence. Instances are thread-safe.
 */
final class CheckpointLog implements AutoCloseable {

    static final String FILE_NAME = "checkpoints.jsonl";

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final FileChannel channel;
    private final KeyPair signingKey;
    private final String keyId;

    private CheckpointLog(Path file, FileChannel channel, KeyPair signingKey) {
        this.file = file;
        this.channel = channel;
        this.signingKey = signingKey;
        this.keyId = signingKey == null ? null : TraceKeys.keyId(signingKey.getPublic());
    }

    static CheckpointLog open(Path directory, KeyPair signingKey) {
        Path file = directory.resolve(FILE_NAME);
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            long size = channel.size();
            if (size > 0) {
                ByteBuffer last = ByteBuffer.allocate(1);
                try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
                    reader.read(last, size - 1);
                }
                if (last.get(0) != '\n') {
                    channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
                }
            }
            return new CheckpointLog(file, channel, signingKey);
        } catch (IOException e) {
            throw new TraceException("cannot open checkpoint file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Signs (when a key is configured) and appends one entry; with {@code force}, fsyncs the file after. */
    void append(Checkpoint checkpoint, boolean force) {
        Checkpoint entry = signingKey == null ? checkpoint : checkpoint.signed(keyId, sign(checkpoint));
        byte[] line = (toJson(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (force) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new TraceException("cannot append to checkpoint file " + file + ": " + e.getMessage(), e);
        }
    }

    private byte[] sign(Checkpoint unsigned) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(signingKey.getPrivate());
            signer.update(unsigned.signed(keyId, null).signedPayload());
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new TraceException("cannot sign checkpoint: " + e.getMessage(), e);
        }
    }

    static boolean signatureValid(Checkpoint c, PublicKey key) {
        if (c.signature() == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(c.signedPayload());
            return verifier.verify(c.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static String toJson(Checkpoint c) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("kind", c.kind().wireName);
            g.writeNumberField("sequence", c.sequence());
            g.writeNumberField("index", c.index());
            g.writeStringField("cycle_file", c.cycleFile());
            g.writeStringField("chain_hash", c.hash());
            g.writeNumberField("time_unix_nano", c.timeUnixNano());
            if (!c.deleted().isEmpty()) {
                g.writeArrayFieldStart("deleted");
                for (String d : c.deleted()) {
                    g.writeString(d);
                }
                g.writeEndArray();
            }
            if (c.keyId() != null) {
                g.writeStringField("key_id", c.keyId());
            }
            if (c.signature() != null) {
                g.writeStringField("signature", Base64.getEncoder().encodeToString(c.signature()));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to a StringWriter failed", e);
        }
        return out.toString();
    }

    /** Everything read from a checkpoint file: parsed entries and the line numbers of lines that did not parse. */
    record Contents(List<Checkpoint> entries, List<Integer> damagedLines) {
    }

    static Contents read(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        List<Checkpoint> entries = new ArrayList<>();
        List<Integer> damaged = new ArrayList<>();
        if (!Files.exists(file)) {
            return new Contents(entries, damaged);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TraceException("cannot read checkpoint file " + file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(parse(line).atLine(i + 1));
            } catch (RuntimeException | IOException e) {
                damaged.add(i + 1);
            }
        }
        return new Contents(entries, damaged);
    }

    static Checkpoint parse(String line) throws IOException {
        JsonNode n = MAPPER.readTree(line);
        List<String> deleted = new ArrayList<>();
        if (n.has("deleted")) {
            n.get("deleted").forEach(d -> deleted.add(d.asText()));
        }
        String hash = required(n, "chain_hash").asText();
        if (hash.length() != 2 * ChainHash.LENGTH) {
            throw new IllegalArgumentException("chain_hash must be 64 hex digits");
        }
        return new Checkpoint(Checkpoint.Kind.parse(required(n, "kind").asText()),
                required(n, "sequence").asLong(), required(n, "index").asLong(),
                required(n, "cycle_file").asText(), hash, required(n, "time_unix_nano").asLong(), deleted,
                n.has("key_id") ? n.get("key_id").asText() : null,
                n.has("signature") ? Base64.getDecoder().decode(n.get("signature").asText()) : null, 0);
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return v;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new TraceException("cannot close checkpoint file " + file + ": " + e.getMessage(), e);
        }
    }
}

package io.llmpolicy.engine.replay;

import io.llmpolicy.engine.LlmRequest;
import io.llmpolicy.engine.LlmResponse;
import io.llmpolicy.engine.route.runtime.StickyHash;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the Azure LLM inference traces (timestamp, prompt tokens, output tokens per request) into replayable
 * requests. The traces carry no tenants or text, so those are assigned deterministically from the row number:
 * the same file always gives the same requests. The traces carry token counts, not text, so each request carries a
 * short placeholder prompt and the recorded prompt token count ({@link LlmRequest#inputTokens()}), as a gateway
 * that already tokenized the prompt would pass it.
 */
public final class AzureTraffic {
    public static final List<String> TEAMS = List.of("search", "support", "billing", "research", "growth");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSS");
    private static final StickyHash HASH = StickyHash.withSalt("azure-demo");

    private AzureTraffic() {}

    /** One trace row. */
    public record Row(long timestampMillis, long contextTokens, long generatedTokens) {}

    public static List<Row> rows(Path csv) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.startsWith("TIMESTAMP")) throw new IOException(csv + ": not an Azure trace (header " + header + ")");
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",");
                if (f.length < 3) continue;
                String ts = f[0].length() > 27 ? f[0].substring(0, 27) : f[0];
                long millis = LocalDateTime.parse(padFraction(ts), TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
                rows.add(new Row(millis, Long.parseLong(f[1].trim()), Long.parseLong(f[2].trim())));
            }
        }
        return rows;
    }

    private static String padFraction(String ts) {
        int dot = ts.indexOf('.');
        if (dot < 0) return ts + ".0000000";
        return ts + "0000000".substring(0, Math.max(0, 7 - (ts.length() - dot - 1)));
    }

    /**
     * Requests for {@code rows}: team, user, tier and tags from a hash of the row number; {@code kind} ("conv" or
     * "code") names the service; every {@code failEvery}-th request's first call fails with rate_limited (0 = never).
     */
    public static List<ReplayLine> requests(List<Row> rows, String kind) {
        List<ReplayLine> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            String id = kind + "-" + i;
            int h = HASH.bucket(id);
            String team = TEAMS.get(h % TEAMS.size());
            String user = "u" + (h % 97);
            List<String> tags = h % 10 == 0 ? List.of("premium") : List.of();
            LlmRequest request = LlmRequest.builder(id)
                    .timestamp(java.time.Instant.ofEpochMilli(r.timestampMillis()))
                    .model("auto")
                    .user("Request " + id + " from the " + kind + " service")
                    .inputTokens(r.contextTokens())
                    .maxTokens(Math.max(16, r.generatedTokens()))
                    .attribute("team", team).attribute("user", user).attribute("tags", tags)
                    .attribute("app", kind.equals("code") ? "ide" : "chat")
                    .build();
            long latency = 150 + r.generatedTokens() * 12 + r.contextTokens() / 20;
            LlmResponse response = LlmResponse.success("ok", r.contextTokens(), r.generatedTokens(), latency);
            out.add(new ReplayLine(request, response, null));
        }
        return out;
    }
}

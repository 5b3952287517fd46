package io.llmpolicy.bench;

/** Realistic generated policies of a given size, shared by the benchmarks. */
public final class PolicyGenerator {
    private PolicyGenerator() {}

    /** A policy of about {@code lines} lines using every rule kind. */
    public static String policy(int lines) {
        StringBuilder s = new StringBuilder("""
                policy "generated" version "1"
                request {
                  team: string
                  user: string
                  tier: string = "free"
                  tags: list<string>
                }
                model a = openai "gpt-4o" price in $2.50/M out $10/M context 128k
                model b = anthropic "claude-sonnet-4" price in $3/M out $15/M context 200k
                model c = openai "gpt-4o-mini" price in $0.15/M out $0.60/M context 128k
                """);
        int i = 0;
        while (s.chars().filter(ch -> ch == '\n').count() < lines) {
            s.append("route r").append(i).append(" when request.team == \"team-").append(i).append("\" {\n")
                    .append("  when \"premium\" in request.tags and request.input_tokens < 50k tokens -> a\n")
                    .append("  when prompt matches /order #\\d+/i or request.tier == \"gold\" -> b\n")
                    .append("  otherwise -> split by request.user { 90% c, 10% b }\n")
                    .append("  fallback a -> b -> c on rate_limited, server_error retry 2 cooldown 30s\n}\n")
                    .append("budget b").append(i).append(" by request.team, request.user when request.tier != \"gold\" {\n")
                    .append("  limit $").append(10 + i).append(" per month\n  limit 1M tokens per day\n  alert at 80%, 95%\n")
                    .append("  on exceeded deny \"budget ").append(i).append(" exhausted\"\n}\n")
                    .append("guardrail g").append(i).append(" on input when request.team == \"team-").append(i).append("\" {\n")
                    .append("  redact pii [email, phone] as placeholder\n  deny when prompt icontains \"secret-").append(i).append("\"\n}\n")
                    .append("eval e").append(i).append(" sample 5% {\n  assert len(output) > 0 and latency < 5s\n  alert when pass_rate < 90% over 1h\n}\n")
                    .append("test \"t").append(i).append("\" {\n  request { team: \"team-").append(i)
                    .append("\", user: \"u\", tags: [\"premium\"], prompt: \"hi\" }\n  expect route a\n}\n");
            i++;
        }
        return s.toString();
    }
}

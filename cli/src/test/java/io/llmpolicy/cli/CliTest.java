package io.llmpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI contract scripts rely on: commands, exit codes and output formats, run in-process. */
class CliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    Path file(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void check_examples_exit0() {
        Run r = run("check", "../examples/policies/support-bot.llmpolicy", "../examples/policies/coding-assistant.llmpolicy",
                "../examples/policies/regulated-bank.llmpolicy", "../examples/policies/demo.llmpolicy");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
    }

    @Test
    void check_brokenFile_exit1_withFileLineColCaretAndHelp() throws Exception {
        Path f = file("bad.llmpolicy", "policy \"p\"\nmodel gpt4o = openai \"gpt-4o\"\nroute r {\n  otherwise -> gpt4\n}\n");
        Run r = run("check", f.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEqualTo(f + ":4:16: error[E202]: unknown model 'gpt4'\n"
                + "  otherwise -> gpt4\n"
                + "               ^^^^\n"
                + "help: did you mean 'gpt4o'?\n");
    }

    @Test
    void check_warningsOnly_exit0() throws Exception {
        Path f = file("warn.llmpolicy", "model a = openai \"gpt-4o\"\nroute r { otherwise -> a }\n");
        Run r = run("check", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("warning[W504]");
    }

    @Test
    void check_jsonFormat_isAnArrayWithTheContractFields() throws Exception {
        Path f = file("bad.llmpolicy", "policy \"p\"\nroute r { when a && b -> m }\n");
        Run r = run("check", "--format", "json", f.toString());
        assertThat(r.code()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.isArray()).isTrue();
        JsonNode d = json.get(0);
        assertThat(d.get("file").asText()).isEqualTo(f.toString());
        assertThat(d.get("line").asInt()).isEqualTo(2);
        assertThat(d.get("column").asInt()).isEqualTo(18);
        assertThat(d.get("endLine").asInt()).isEqualTo(2);
        assertThat(d.get("endColumn").asInt()).isEqualTo(20);
        assertThat(d.get("severity").asText()).isEqualTo("error");
        assertThat(d.get("code").asText()).isEqualTo("E105");
        assertThat(d.get("message").asText()).contains("&&");
        assertThat(d.get("help").asText()).isEqualTo("use 'and'");
    }

    @Test
    void usageErrors_exit2_withShortErrorAndUsage() {
        Run unknown = run("frobnicate");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unmatched argument").contains("Usage: llmpolicy");
        Run badOption = run("check", "--colour", "x.llmpolicy");
        assertThat(badOption.code()).isEqualTo(2);
        assertThat(badOption.err()).contains("--colour");
        Run missing = run("check");
        assertThat(missing.code()).isEqualTo(2);
    }

    @Test
    void everyCommand_hasHelp() {
        for (String cmd : new String[] {"check", "fmt", "test", "replay", "explain", "bench", "demo", "prices", "trace", "plugins"}) {
            Run r = run(cmd, "--help");
            assertThat(r.code()).as(cmd).isZero();
            assertThat(r.out()).as(cmd).contains("Usage: llmpolicy " + cmd);
        }
    }

    /** Every command and subcommand renders its help cleanly (a stray '%' in a description makes picocli warn). */
    @Test
    void everyCommandAndSubcommand_helpRendersWithoutWarnings() {
        java.util.List<String[]> paths = new java.util.ArrayList<>();
        collect(new picocli.CommandLine(new Main()), new java.util.ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(15);
        PrintStream realErr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8)); // picocli's tracer writes here
        try {
            for (String[] path : paths) {
                String[] args = java.util.Arrays.copyOf(path, path.length + 1);
                args[path.length] = "--help";
                Run r = run(args);
                assertThat(r.code()).as(String.join(" ", path)).isZero();
                assertThat(r.out() + r.err()).as(String.join(" ", path)).doesNotContain("WARN").doesNotContain("%n");
            }
        } finally {
            System.setErr(realErr);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).doesNotContain("WARN");
    }

    private static void collect(picocli.CommandLine cmd, java.util.List<String> prefix, java.util.List<String[]> into) {
        for (var e : cmd.getSubcommands().entrySet()) {
            if (e.getKey().equals("help") || !e.getValue().getCommandName().equals(e.getKey())) {
                continue; // picocli's help command, and aliases
            }
            java.util.List<String> path = new java.util.ArrayList<>(prefix);
            path.add(e.getKey());
            into.add(path.toArray(String[]::new));
            collect(e.getValue(), path, into);
        }
    }

    @Test
    void fmt_check_namesUnformattedFiles_andWriteFixesThem() throws Exception {
        Path f = file("messy.llmpolicy", "policy \"p\"\nmodel a=openai \"gpt-4o\"\nroute r{otherwise->a}\n");
        Run check = run("fmt", "--check", f.toString());
        assertThat(check.code()).isEqualTo(1);
        assertThat(check.out()).contains("not formatted: " + f);
        assertThat(run("fmt", "--write", f.toString()).code()).isZero();
        assertThat(run("fmt", "--check", f.toString()).code()).isZero();
        assertThat(Files.readString(f)).isEqualTo("policy \"p\"\n\nmodel a = openai \"gpt-4o\"\n\nroute r {\n  otherwise -> a\n}\n");
        Run print = run("fmt", f.toString());
        assertThat(print.out()).isEqualTo(Files.readString(f));
    }

    @Test
    void test_lastLineIsTheCount_andFailuresShowExpectedVsActual() throws Exception {
        Path f = file("t.llmpolicy", """
                policy "t" version "1"
                model a = openai "gpt-4o"
                model b = openai "gpt-4o-mini"
                route r { when prompt contains "cheap" -> b; otherwise -> a }
                test "cheap goes to b" { request { prompt: "cheap please" } expect route b }
                test "deliberately wrong" { request { prompt: "hello" } expect route b }
                """);
        Run r = run("test", f.toString());
        assertThat(r.code()).isEqualTo(1);
        String[] lines = r.out().split("\n");
        assertThat(lines[lines.length - 1]).isEqualTo("1 passed, 1 failed");
        assertThat(r.out()).contains("expected route b, got a");
        assertThat(run("test", "../examples/policies/demo.llmpolicy").code()).isZero();
    }

    @Test
    void replay_writesOneDecisionPerLine_reportsMalformedLines_exit1() throws Exception {
        Path requests = file("r.jsonl", """
                {"id": "r1", "timestamp": "2026-11-27T10:00:00Z", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 100, "metadata": {"team": "search", "user": "u1", "app": "chat", "tags": ["premium"]}, "response": {"status": 200, "content": "ok", "latency_ms": 800, "usage": {"input_tokens": 374, "output_tokens": 44, "cached_input_tokens": 0}}}
                this is not json
                {"id": "r2", "metadata": {"team": "growth", "user": "u2", "app": "ide", "tags": []}}
                """);
        Path out = dir.resolve("out.jsonl");
        Run r = run("replay", "--policy", "../examples/policies/demo.llmpolicy", "--requests", requests.toString(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("line 2: malformed JSON");
        var lines = Files.readAllLines(out);
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("id").asText()).isEqualTo("r1");
        assertThat(first.get("action").asText()).isEqualTo("allow");
        assertThat(first.get("target").asText()).isEqualTo("gpt4o");
        assertThat(first.get("provider").asText()).isEqualTo("openai");
        assertThat(first.get("model").asText()).isEqualTo("gpt-4o");
        assertThat(first.get("fallbacks").toString()).isEqualTo("[\"sonnet\",\"haiku\"]");
        assertThat(first.get("cost_usd").decimalValue()).isEqualByComparingTo("0.001375"); // 374 * 2.5e-6 + 44 * 1e-5
        assertThat(first.get("policy").get("name").asText()).isEqualTo("demo-platform");
        assertThat(first.get("budget").get(0).get("name").asText()).isEqualTo("team_daily");
        JsonNode second = new ObjectMapper().readTree(lines.get(1));
        assertThat(second.get("target").asText()).isEqualTo("local_llama");
        assertThat(second.get("cost_usd").isNull()).isTrue();
    }

    @Test
    void replay_summary_printsTotalsAndPercentiles() throws Exception {
        Path requests = file("r.jsonl", "{\"id\": \"r1\", \"metadata\": {\"team\": \"a\", \"user\": \"u\", \"app\": \"chat\", \"tags\": []}}\n");
        Run r = run("replay", "--policy", "../examples/policies/demo.llmpolicy", "--requests", requests.toString(), "--summary");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("requests 1, allowed 1, denied 0").contains("decide latency (µs): p50");
    }

    @Test
    void explain_showsMatchesPlanAndBudgets() {
        Run r = run("explain", "--policy", "../examples/policies/demo.llmpolicy", "--request",
                "{\"id\":\"r1\",\"metadata\":{\"team\":\"search\",\"user\":\"u1\",\"app\":\"chat\",\"tags\":[\"premium\"]}}");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("route code: does not apply").contains("route chat: applies")
                .contains("✓ when \"premium\" in request.tags: matched").contains("decision: allow -> gpt4o")
                .contains("route plan: gpt4o -> sonnet -> haiku").contains("team_daily [search] per day");
    }

    @Test
    void pricesImport_generatesACatalogThatChecks() throws Exception {
        Path table = file("prices.json", """
                {"sample_spec": {"litellm_provider": "x"},
                 "gpt-4o": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05, "cache_read_input_token_cost": 1.25e-06, "max_input_tokens": 128000},
                 "claude-3-5-haiku-20241022": {"litellm_provider": "anthropic", "mode": "chat", "input_cost_per_token": 8e-07, "output_cost_per_token": 4e-06},
                 "text-embedding-3-small": {"litellm_provider": "openai", "mode": "embedding", "input_cost_per_token": 2e-08}}
                """);
        Path out = dir.resolve("catalog.llmpolicy");
        Run r = run("prices", "import", table.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String catalog = Files.readString(out);
        assertThat(catalog).contains("model gpt_4o = openai \"gpt-4o\" price in $2.5/M out $10/M cached $1.25/M context 128000");
        assertThat(catalog).contains("model claude_3_5_haiku_20241022 = anthropic");
        assertThat(catalog).doesNotContain("embedding");
        Path user = file("uses.llmpolicy", "policy \"u\"\nimport \"catalog.llmpolicy\"\nroute r { otherwise -> gpt_4o }\n");
        assertThat(run("check", user.toString()).code()).isZero();
    }

    @Test
    void pluginsList_builtInsOnly_exit0() {
        Run r = run("plugins", "list");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("mock").contains("STARTED");
    }

    @Test
    void eval_worseDatasetRegresses_exit1_betterPasses_exit0() throws Exception {
        String policy = "../examples/policies/support-bot.llmpolicy";
        Path baseline = dir.resolve("baseline.json");
        Run base = run("eval", "--policy", policy, "--dataset", "../examples/evals/support-baseline.jsonl", "--format", "json",
                "--out", baseline.toString());
        assertThat(base.code()).as(base.err()).isZero();
        assertThat(Files.readString(baseline)).contains("answer_quality");
        Run worse = run("eval", "--policy", policy, "--dataset", "../examples/evals/support-worse.jsonl", "--baseline", baseline.toString());
        assertThat(worse.code()).as(worse.out() + worse.err()).isEqualTo(1);
        assertThat(worse.err()).contains("regressed");
        Run better = run("eval", "--policy", policy, "--dataset", "../examples/evals/support-better.jsonl", "--baseline", baseline.toString());
        assertThat(better.code()).as(better.out() + better.err()).isZero();
        Run html = run("eval", "--policy", policy, "--dataset", "../examples/evals/support-worse.jsonl", "--baseline", baseline.toString(),
                "--format", "html");
        assertThat(html.out()).contains("<svg").doesNotContain("<script");
    }

    /** The golden text of E407, the one diagnostic produced above the front end (by compiling the policy's scripts). */
    @Test
    void check_scriptSyntaxError_E407_atTheScriptsLineInThePolicy() throws Exception {
        Path file = Path.of("src/test/resources/diagnostics/E407-script-error.llmpolicy");
        Path expected = Path.of("src/test/resources/diagnostics/E407-script-error.expected");
        Run r = run("check", file.toString());
        assertThat(r.code()).isEqualTo(1);
        if (Boolean.getBoolean("golden.update") || !Files.exists(expected)) Files.writeString(expected, r.out());
        assertThat(r.out()).isEqualTo(Files.readString(expected));
        assertThat(r.out()).startsWith(file + ":5:");
    }

    /** The main job: the demo's trace verifies, and its denials are the ones the summary counts. */
    @Test
    void demo_writesAVerifiedTrace_whoseDenialsMatchItsSummary() throws Exception {
        Path trace = dir.resolve("demo-trace");
        System.setProperty("llmpolicy.home", "..");
        Run demo;
        try {
            demo = run("demo", "--trace-dir", trace.toString());
        } finally {
            System.clearProperty("llmpolicy.home");
        }
        assertThat(demo.code()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("trace verify: INTACT: 4500 records").contains("trace report " + trace + " --by team");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("answered (\\d+), denied (\\d+)").matcher(demo.out());
        assertThat(m.find()).isTrue();
        Run denials = run("trace", "query", trace.toString(), "--where", "action=deny", "--format", "jsonl");
        assertThat(denials.code()).isZero();
        assertThat(denials.out().lines().count()).isEqualTo(Long.parseLong(m.group(2))).isPositive();
        Run byTeam = run("trace", "report", trace.toString(), "--by", "team");
        assertThat(byTeam.out()).contains("search").doesNotContain("(none)");

        // bad input on the same log: one line naming the problem, exit 2, never a stack trace
        Run misspelt = run("trace", "query", trace.toString(), "--where", "llmpolicy.actoin=deny");
        assertThat(misspelt.code()).isEqualTo(2);
        assertThat(misspelt.err()).contains("unknown field 'llmpolicy.actoin'").contains("did you mean llmpolicy.action")
                .doesNotContain("Exception").doesNotContain("\tat ");
        Run shortMisspelt = run("trace", "query", trace.toString(), "--where", "actoin=deny");
        assertThat(shortMisspelt.code()).isZero(); // a traced attribute could have that name: not an error...
        assertThat(shortMisspelt.err()).contains("did you mean action?"); // ...but an empty result says what it read
        Run badTime = run("trace", "query", trace.toString(), "--since", "yesterday");
        assertThat(badTime.code()).isEqualTo(2);
        assertThat(badTime.err()).contains("cannot read time 'yesterday'").doesNotContain("Exception");
        Run badGroup = run("trace", "report", trace.toString(), "--by", "tema");
        assertThat(badGroup.code()).isEqualTo(2);
        assertThat(badGroup.err()).contains("--by is team, model, user or day, not tema").contains("Usage: llmpolicy trace report");
    }
}

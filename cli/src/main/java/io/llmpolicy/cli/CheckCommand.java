package io.llmpolicy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.llmpolicy.dsl.PolicyLoader;
import io.llmpolicy.dsl.diag.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check policy files (and their imports) for errors.",
                "Exit 0 when there is no error (warnings allowed), 1 when there is any error, 2 on a usage error."})
final class CheckCommand implements Callable<Integer> {
    enum Format { text, json }

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "policy files")
    List<Path> files;

    @Option(names = "--format", description = "text (default) or json", defaultValue = "text")
    Format format;

    @Override
    public Integer call() throws Exception {
        boolean errors = false;
        List<Map<String, Object>> json = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int errorCount = 0, warningCount = 0;
        for (Path file : files) {
            PolicyLoader.Result r = PolicyLoader.load(file, java.util.List.of(new io.llmpolicy.engine.ScriptValidator()));
            for (Diagnostic d : r.diagnostics()) {
                if (d.isError()) errorCount++;
                else warningCount++;
                if (format == Format.json) json.add(toJson(d));
                else text.append(r.render(d));
            }
            errors |= !r.ok();
        }
        if (format == Format.json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
        } else {
            System.out.print(text);
            if (errorCount + warningCount > 0) {
                System.err.println(plural(errorCount, "error") + ", " + plural(warningCount, "warning"));
            }
        }
        return errors ? 1 : 0;
    }

    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    static Map<String, Object> toJson(Diagnostic d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", d.span().file());
        m.put("line", d.span().line());
        m.put("column", d.span().column());
        m.put("endLine", d.span().endLine());
        m.put("endColumn", d.span().endColumn());
        m.put("severity", d.severity().label());
        m.put("code", d.code().name());
        m.put("message", d.message());
        m.put("help", d.help());
        return m;
    }
}

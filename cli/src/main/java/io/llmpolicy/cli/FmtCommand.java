package io.llmpolicy.cli;

import io.llmpolicy.dsl.ast.PolicyFile;
import io.llmpolicy.dsl.diag.DiagnosticRenderer;
import io.llmpolicy.dsl.diag.Diagnostics;
import io.llmpolicy.dsl.fmt.Formatter;
import io.llmpolicy.dsl.parse.PolicyParser;
import io.llmpolicy.dsl.source.Source;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "fmt", mixinStandardHelpOptions = true,
        description = {"Format policy files in the canonical layout (comments are kept).",
                "Prints the formatted files; --write rewrites them in place; --check exits 1 when any file is not formatted."})
final class FmtCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "policy files")
    List<Path> files;

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--write", description = "rewrite the files in place")
        boolean write;

        @Option(names = "--check", description = "change nothing; exit 1 and name each file that is not formatted")
        boolean check;
    }

    @Override
    public Integer call() throws Exception {
        int status = 0;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                System.err.println("llmpolicy fmt: no such file: " + file);
                status = 1;
                continue;
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Source source = new Source(file.toString(), text);
            Diagnostics diagnostics = new Diagnostics();
            PolicyFile ast = PolicyParser.parse(source, diagnostics);
            if (ast == null) {
                DiagnosticRenderer renderer = new DiagnosticRenderer(Map.of(source.name(), source));
                diagnostics.sorted().forEach(d -> System.err.print(renderer.render(d)));
                status = 1;
                continue;
            }
            String formatted = Formatter.format(ast, source);
            if (mode.check) {
                if (!formatted.equals(text)) {
                    System.out.println("not formatted: " + file);
                    status = 1;
                }
            } else if (mode.write) {
                if (!formatted.equals(text)) Files.writeString(file, formatted, StandardCharsets.UTF_8);
            } else {
                System.out.print(formatted);
            }
        }
        return status;
    }
}

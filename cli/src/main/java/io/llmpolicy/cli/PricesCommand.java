package io.llmpolicy.cli;

import io.llmpolicy.engine.price.CatalogFile;
import io.llmpolicy.engine.price.LiteLlmPriceImporter;
import io.llmpolicy.engine.price.PolicyCatalogWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "prices", mixinStandardHelpOptions = true, description = "Work with model price tables.",
        subcommands = {PricesCommand.Import.class})
final class PricesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: import");
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import a LiteLLM price table (model_prices_and_context_window.json) as a .llmpolicy model catalog",
                    "that policies can import, or as a JSON catalog (--format json)."})
    static final class Import implements Callable<Integer> {
        enum Format { llmpolicy, json }

        @Parameters(paramLabel = "FILE", description = "the LiteLLM price table")
        Path file;

        @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
        Path out;

        @Option(names = "--provider", paramLabel = "P", description = "keep only this provider (repeatable), e.g. openai")
        List<String> providers;

        @Option(names = "--format", defaultValue = "llmpolicy", description = "llmpolicy (default) or json")
        Format format;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(file)) {
                System.err.println("llmpolicy prices import: no such file: " + file);
                return 2;
            }
            LiteLlmPriceImporter.Options options = providers == null ? LiteLlmPriceImporter.Options.DEFAULT
                    : LiteLlmPriceImporter.Options.providers(new HashSet<>(providers));
            LiteLlmPriceImporter.Result result = LiteLlmPriceImporter.importFile(file, options);
            String source = file.getFileName().toString();
            if (format == Format.json) {
                if (out != null) CatalogFile.write(result.catalog(), source, out);
                else CatalogFile.write(result.catalog(), source, System.out);
            } else {
                String text = PolicyCatalogWriter.write(result.catalog(), source);
                if (out != null) Files.writeString(out, text, StandardCharsets.UTF_8);
                else System.out.print(text);
            }
            for (String line : result.summaryLines()) System.err.println(line);
            return 0;
        }
    }
}

package io.llmpolicy.cli;

import io.llmpolicy.plugin.host.PluginHost;
import io.llmpolicy.plugin.host.PluginReport;
import io.llmpolicy.provider.mock.MockProviderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "plugins", mixinStandardHelpOptions = true, description = "Inspect plugins.", subcommands = PluginsCommand.ListPlugins.class)
final class PluginsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Load the plugins of a directory and show what loaded, what it provides, and what failed and why.",
                    "Exit 0 when every plugin started, 1 when any failed."})
    static final class ListPlugins implements Callable<Integer> {
        @Option(names = "--plugins-dir", paramLabel = "DIR", description = "directory of plugin zips or jars (default: built-in plugins only)")
        Path dir;

        @Override
        public Integer call() {
            PluginHost.Builder b = PluginHost.builder().builtIn("mock", "0.1.0", new MockProviderFactory());
            if (dir != null) {
                if (!Files.isDirectory(dir)) {
                    System.err.println("llmpolicy plugins list: no such directory: " + dir);
                    return 2;
                }
                b.pluginsDirectory(dir);
            }
            try (PluginHost host = b.start()) {
                PluginReport report = host.report();
                System.out.print(report.format());
                return report.failed().isEmpty() ? 0 : 1;
            }
        }
    }
}

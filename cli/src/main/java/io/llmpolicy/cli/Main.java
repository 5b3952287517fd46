package io.llmpolicy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code llmpolicy} command. Exit codes are a contract scripts rely on: 0 success, 1 the checked thing failed
 * (errors in a policy, unformatted files, failed tests), 2 usage errors.
 */
@Command(name = "llmpolicy", mixinStandardHelpOptions = true, version = "llmpolicy 0.1.0",
        description = "Policy engine for LLM traffic: check, format and test .llmpolicy files.",
        subcommands = {DemoCommand.class, CheckCommand.class, FmtCommand.class, TestCommand.class, ReplayCommand.class,
                ExplainCommand.class, BenchCommand.class, PricesCommand.class, TraceCommand.class, PluginsCommand.class, EvalCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI in-process (tests call this); returns the exit code. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("llmpolicy: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, cmd.getErr());
            cmd.usage(cmd.getErr());
            return 2;
        });
        // Bad input found while running (a malformed --where, an unknown --by, an unreadable trace directory) is
        // the user's to fix: one line naming it and exit 2, not a stack trace. Anything else is a bug: full trace.
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof io.llmpolicy.trace.TraceException
                    || ex instanceof java.io.UncheckedIOException) {
                cmd.getErr().println("llmpolicy " + cmd.getCommandSpec().qualifiedName(" ").replaceFirst("^llmpolicy ?", "")
                        + ": " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cli.execute(args);
    }
}

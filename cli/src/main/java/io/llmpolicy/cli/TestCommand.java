package io.llmpolicy.cli;

import io.llmpolicy.engine.PolicyLoadException;
import io.llmpolicy.engine.PolicyTests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run the test blocks of policy files.",
                "Prints a line per test, then 'N passed, N failed'. Exit 0 when all pass, 1 when any fails or a policy has errors."})
final class TestCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "policy files")
    List<Path> files;

    @Override
    public Integer call() {
        int passed = 0, failed = 0;
        boolean broken = false;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                System.err.println("llmpolicy test: no such file: " + file);
                broken = true;
                continue;
            }
            List<PolicyTests.Result> results;
            try {
                results = PolicyTests.run(file);
            } catch (PolicyLoadException e) {
                System.err.print(e.getMessage());
                broken = true;
                continue;
            }
            for (PolicyTests.Result r : results) {
                if (r.passed()) {
                    passed++;
                    System.out.println("ok    " + r.span().position() + "  " + r.name());
                } else {
                    failed++;
                    System.out.println("FAIL  " + r.span().position() + "  " + r.name());
                    for (String f : r.failures()) System.out.println("      " + f);
                }
            }
        }
        System.out.println(passed + " passed, " + failed + " failed");
        return failed > 0 || broken ? 1 : 0;
    }
}

package io.llmpolicy.cli;

import io.llmpolicy.engine.Explain;
import io.llmpolicy.engine.PolicyEngine;
import io.llmpolicy.engine.PolicyLoadException;
import io.llmpolicy.engine.InvalidRequestException;
import io.llmpolicy.engine.replay.Replay;
import io.llmpolicy.engine.replay.ReplayLine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show which rules match a request and why, the route plan and each budget's state.")
final class ExplainCommand implements Callable<Integer> {
    @Option(names = "--policy", required = true, paramLabel = "FILE")
    Path policy;

    @Option(names = "--request", required = true, paramLabel = "JSON|@FILE",
            description = "the request as JSON (a replay line), or @file to read it from a file")
    String request;

    @Override
    public Integer call() throws Exception {
        String json = request.startsWith("@") ? Files.readString(Path.of(request.substring(1)), StandardCharsets.UTF_8) : request;
        ReplayLine line;
        try {
            line = ReplayLine.parse(Replay.readTree(json));
        } catch (ReplayLine.Malformed e) {
            System.err.println("llmpolicy explain: bad request: " + e.getMessage());
            return 2;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            System.err.println("llmpolicy explain: the request is not JSON: " + e.getOriginalMessage());
            return 2;
        }
        try {
            PolicyEngine engine = PolicyEngine.builder().policy(policy).build();
            System.out.print(Explain.explain(engine, line.request()));
            return 0;
        } catch (PolicyLoadException e) {
            System.err.print(e.getMessage());
            return 1;
        } catch (InvalidRequestException e) {
            System.err.println("llmpolicy explain: invalid request: " + e.getMessage());
            return 2;
        }
    }
}

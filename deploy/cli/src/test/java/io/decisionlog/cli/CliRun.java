package io.decisionlog.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The client run in-process as {@code ./decisionlog} runs it: its exit code and what it printed to each stream. */
record CliRun(int exitCode, String out, String err) {

    /** With this client (its token, its retries) and environment. */
    static CliRun of(Http http, Map<String, String> env, List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), new Context(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, http));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Sending this bearer token, retrying a 503 once at once, with no environment. */
    static CliRun as(String token, String... args) {
        return of(new Http(Duration.ofSeconds(10), List.of(Duration.ZERO)).withToken(token), Map.of(),
                List.of(args));
    }
}

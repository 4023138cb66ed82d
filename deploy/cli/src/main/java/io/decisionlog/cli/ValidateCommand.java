package io.decisionlog.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code validate FILE... [--url MINUTES]}: each minutes file checked by the minutes-ingester, reported compiler
 * style ({@code FILE:LINE:COLUMN: message}); exit 4 when any is invalid, 2 when a file cannot be read.
 */
final class ValidateCommand {
    static final String USAGE = "validate FILE... [--url " + Context.MINUTES_URL + "]";
    private static final Set<String> VALUED = Set.of("--url");

    private ValidateCommand() {
    }

    static int run(List<String> argv, Context ctx) {
        Args args = Args.parse(argv, Set.of(), VALUED);
        List<String> files = args.positionals();
        if (files.isEmpty()) {
            throw CliException.usage("expected at least one minutes FILE");
        }
        String minutes = Http.base(args.value("--url", Context.MINUTES_URL));
        // every file is read before the first request: a typo in a name is a usage error, not half a run
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (String file : files) {
            try {
                contents.put(file, Files.readAllBytes(Path.of(file)));
            } catch (IOException | RuntimeException e) {
                throw CliException.usage("cannot read " + file + ": " + (Files.exists(Path.of(file))
                        ? e.getMessage() : "no such file"));
            }
        }
        int invalid = 0;
        for (Map.Entry<String, byte[]> file : contents.entrySet()) {
            if (!validate(ctx, minutes, file.getKey(), file.getValue())) {
                invalid++;
            }
        }
        if (invalid > 0) {
            ctx.err().println(invalid + " of " + files.size() + " file" + (files.size() == 1 ? "" : "s") + " invalid");
            return Exit.INVALID;
        }
        return Exit.OK;
    }

    /** Prints the file's verdict; true when it is valid. */
    static boolean validate(Context ctx, String minutes, String file, byte[] body) {
        Http.Response response = ctx.http().post("minutes-ingester",
                minutes + "/api/v1/minutes/validate?path=" + Http.encode(file.replace('\\', '/')), body,
                "application/yaml", Map.of());
        if (response.status() != 200 && response.status() != 422) {
            if (response.status() >= 500) {
                throw CliException.unreachable("minutes-ingester answered " + response.status() + ": " + response.message());
            }
            throw CliException.refused(file + ": minutes-ingester answered " + response.status() + ": " + response.message());
        }
        JsonNode validation = response.json();
        boolean valid = response.status() == 200 && validation.path("valid").asBoolean(true);
        if (valid) {
            int decisions = validation.path("decisions").size();
            ctx.out().println(file + ": ok (" + decisions + " decision" + (decisions == 1 ? "" : "s") + ")");
        }
        for (JsonNode error : validation.path("errors")) {
            ctx.out().println(position(file, error) + error.path("message").asText());
        }
        for (JsonNode warning : validation.path("warnings")) {
            ctx.out().println(position(file, warning) + "warning: " + warning.path("message").asText());
        }
        return valid;
    }

    /** {@code FILE:LINE:COLUMN: }, or {@code FILE: } for a problem without a position. */
    static String position(String file, JsonNode problem) {
        int line = problem.path("line").asInt(0);
        int column = problem.path("column").asInt(0);
        if (line <= 0) {
            return file + ": ";
        }
        return file + ":" + line + (column > 0 ? ":" + column : "") + ": ";
    }
}

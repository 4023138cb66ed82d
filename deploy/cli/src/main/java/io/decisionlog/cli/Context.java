package io.decisionlog.cli;

import java.io.PrintStream;
import java.util.Map;

/** What a command talks to: its output streams, the environment, HTTP. Tests pass their own. */
public record Context(PrintStream out, PrintStream err, Map<String, String> env, Http http) {
    public static final String GRAPH_URL = "http://127.0.0.1:8080";
    public static final String CI_URL = "http://127.0.0.1:8081";
    public static final String BLAME_URL = "http://127.0.0.1:8082";
    public static final String MINUTES_URL = "http://127.0.0.1:8083";

    public String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}

package io.decisionlog.deploy.faults;

import io.decisionlog.deploy.local.Ports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Before anything starts: an empty data directory, the services' jars built, every port the run takes free. */
final class Preflight {
    private Preflight() {
    }

    static void prepare(Settings settings, StackUnderTest.Shape shape) throws IOException {
        Path dir = settings.dataDir();
        empty(dir);
        requireJars(settings, shape);
        for (int port : ports(settings, shape)) {
            Ports.requireFree(port, "the fault run");
        }
        Console.say("fault run in %s (the processes it starts are listed in %s)", dir, dir.resolve("pids"));
    }

    private static void empty(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(dir);
    }

    private static void requireJars(Settings settings, StackUnderTest.Shape shape) {
        List<String> services = shape.blameIngesters() > 0
                ? List.of("ci-audit-ingester", "decision-graph", "blame-ingester")
                : List.of("ci-audit-ingester", "decision-graph");
        for (String service : services) {
            Path jar = settings.jar(service);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: build it with ./mvnw -o -q -pl " + service
                        + " -am install -DskipTests");
            }
        }
    }

    private static List<Integer> ports(Settings settings, StackUnderTest.Shape shape) {
        List<Integer> ports = new ArrayList<>(List.of(settings.postgresPort(), settings.graphPortA(),
                settings.graphPortB()));
        for (int i = 0; i < shape.ciIngesters() + shape.blameIngesters(); i++) {
            ports.add(settings.ingesterPort() + i);
        }
        for (int i = 0; i < 3; i++) {
            ports.add(settings.kafkaPort() + i);
            ports.add(settings.controllerPort() + i);
        }
        return ports;
    }
}

package io.decisionlog.deploy.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a fault run does and where, from {@code --name value} arguments. The default ports (29092-29097, 25433,
 * 28080/28081/28090) keep off those of {@code ./decisionlog up} (8080-8083, 9092, 5433), of the tests (free ports
 * from the ephemeral range, 32768 and up) and of the 1xxxx ports other local experiments like to pick.
 */
record Settings(
        Path root,
        Path dataDir,
        int kafkaPort,
        int controllerPort,
        int postgresPort,
        int ingesterPort,
        int graphPortA,
        int graphPortB,
        double rate,
        int runsPerCommit,
        int repos,
        int leaderKills,
        int graphKillAfter,
        String javaOpts,
        String brokerHeap,
        Duration warmUp,
        Duration downtime,
        Duration pause,
        Duration tail,
        Duration giveUpAfter,
        Duration catchUpTimeout) {

    static final String USAGE = """
            FaultRun: CI deliveries and pushes while Kafka partition leaders and a decision-graph instance are killed;
            then every acknowledged delivery must be in the chains and the store exactly once.

              --root DIR              the decision-log checkout (default: found upwards from the working directory)
              --data-dir DIR          brokers, database, services' state and logs; emptied first
                                      (default: ROOT/deploy/faults/target/fault-run)
              --kafka-port N          first broker port; three nodes take N..N+2 (default 29092)
              --controller-port N     first controller port; N..N+2 (default 29095)
              --postgres-port N       (default 25433)
              --ingester-port N       ci-audit-ingester (default 28081)
              --graph-ports A,B       the two decision-graph instances; A is the one killed (default 28080,28090)
              --rate R                CI deliveries started per second (default 15)
              --runs-per-commit N     CI runs per commit (default 5)
              --repos N               repositories the commits are spread over (default 3)
              --leader-kills N        kill -9 of the ci.runs partition leader, each restarted (default 5)
              --graph-kill-after N    kill -9 decision-graph A after this many leader kills (default 2)
              --java-opts "..."       the services' JVM flags (default "-Xmx256m -XX:+UseSerialGC")
              --broker-heap SIZE      each broker's -Xmx (default 384m)
              --warm-up S, --downtime S, --pause S, --tail S   seconds of load before the first kill (15), a killed
                                      broker's time down after its partitions failed over (3), between kill
                                      cycles (5), and after the last one (10)
              --give-up-after S       a delivery still answered 503 after this long is given up (default 90)
              --catch-up-timeout S    how long the chains and the store may take to catch up (default 240)
            """;

    static Settings parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("-h") || name.equals("--help")) {
                System.out.print(USAGE);
                System.exit(0);
            }
            if (!name.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, not '" + name + "'\n" + USAGE);
            }
            options.put(name.substring(2), args[++i]);
        }
        Path root = Path.of(options.getOrDefault("root", findRoot().toString())).toAbsolutePath().normalize();
        Path dataDir = Path.of(options.getOrDefault("data-dir",
                root.resolve("deploy/faults/target/fault-run").toString())).toAbsolutePath().normalize();
        String[] graphPorts = options.getOrDefault("graph-ports", "28080,28090").split(",");
        Settings settings = new Settings(root, dataDir,
                integer(options, "kafka-port", 29092),
                integer(options, "controller-port", 29095),
                integer(options, "postgres-port", 25433),
                integer(options, "ingester-port", 28081),
                Integer.parseInt(graphPorts[0].trim()),
                Integer.parseInt(graphPorts[1].trim()),
                Double.parseDouble(options.getOrDefault("rate", "15")),
                integer(options, "runs-per-commit", 5),
                integer(options, "repos", 3),
                integer(options, "leader-kills", 5),
                integer(options, "graph-kill-after", 2),
                options.getOrDefault("java-opts", "-Xmx256m -XX:+UseSerialGC"),
                options.getOrDefault("broker-heap", "384m"),
                seconds(options, "warm-up", 15),
                seconds(options, "downtime", 3),
                seconds(options, "pause", 5),
                seconds(options, "tail", 10),
                seconds(options, "give-up-after", 90),
                seconds(options, "catch-up-timeout", 240));
        options.keySet().removeAll(java.util.Set.of("root", "data-dir", "kafka-port", "controller-port", "postgres-port",
                "ingester-port", "graph-ports", "rate", "runs-per-commit", "repos", "leader-kills", "graph-kill-after",
                "java-opts", "broker-heap", "warm-up", "downtime", "pause", "tail", "give-up-after", "catch-up-timeout"));
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + options.keySet() + "\n" + USAGE);
        }
        if (settings.rate() <= 0 || settings.runsPerCommit() < 1 || settings.repos() < 1) {
            throw new IllegalArgumentException("--rate, --runs-per-commit and --repos must be positive");
        }
        return settings;
    }

    Path jar(String service) {
        return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("decisionlog")) && Files.isDirectory(dir.resolve("decision-graph"))) {
                return dir;
            }
        }
        throw new IllegalArgumentException("cannot find the decision-log checkout above " + Path.of("").toAbsolutePath()
                + "; pass --root");
    }

    private static int integer(Map<String, String> options, String name, int fallback) {
        return options.containsKey(name) ? Integer.parseInt(options.get(name).trim()) : fallback;
    }

    private static Duration seconds(Map<String, String> options, String name, int fallback) {
        return Duration.ofMillis((long) (Double.parseDouble(options.getOrDefault(name, String.valueOf(fallback))) * 1000));
    }
}

package io.decisionlog.deploy.local;

import io.decisionlog.events.TopicAccess;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The local runtime as a process, for {@code ./decisionlog up}: starts PostgreSQL and the broker on fixed ports,
 * writes {@code <data-dir>/run/runtime.properties} (addresses, pids, logs) and supervises both until it gets
 * SIGTERM, when it stops them. The broker exits by itself if this process is killed.
 */
public final class LocalRuntimeMain {
    private LocalRuntimeMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Options options = Options.parse(args);
        Path runDir = options.dataDir.resolve("run");
        Files.createDirectories(runDir);
        Path state = runDir.resolve("runtime.properties");
        long started = System.nanoTime();
        LocalRuntime runtime;
        try {
            runtime = LocalRuntime.start(new LocalRuntime.Settings(options.dataDir, options.kafkaPort,
                    options.kafkaPort + 1, options.postgresPort, false, options.secure));
        } catch (IllegalStateException e) {
            System.err.println("decision-log local runtime: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            try {
                Files.deleteIfExists(state);
                Files.deleteIfExists(runDir.resolve("services.env"));
                for (TopicAccess access : TopicAccess.SERVICES) {
                    Files.deleteIfExists(runDir.resolve(access.service() + ".env"));
                }
            } catch (IOException ignored) {
                // status reports a stale file as not running
            }
            stopped.countDown();
        }, "local-runtime-stop"));
        writeServiceEnvironments(runDir, runtime);
        System.out.printf("decision-log local runtime ready in %d ms: Kafka %s (pid %d), PostgreSQL %s (pid %d)%n",
                (System.nanoTime() - started) / 1_000_000, runtime.bootstrapServers(), runtime.broker().pid(),
                runtime.jdbcUrl(), runtime.database().pid());
        // last: ./decisionlog up takes this file as the runtime being ready, and then reads the services' environment
        // files and the line above (written before it, a secured demo's output once lacked its "sslmode=verify-full")
        writeState(state, runtime);
        stopped.await();
    }

    /**
     * The services' connection settings as environment variables ({@code kafka.sasl.jaas.config} →
     * {@code KAFKA_SASL_JAAS_CONFIG}), quoted for a shell to read: what {@code ./decisionlog up} hands each service,
     * {@code services.env} to all, {@code <service>.env} (on a secured runtime) to that service alone. Mode 600: they
     * hold the store's password and each service's SCRAM password.
     */
    private static void writeServiceEnvironments(Path runDir, LocalRuntime runtime) throws IOException {
        writeEnvironment(runDir.resolve("services.env"), runtime.serviceConfig());
        for (TopicAccess access : TopicAccess.SERVICES) {
            Map<String, String> credentials = runtime.serviceCredentials(access.service());
            if (!credentials.isEmpty()) {
                writeEnvironment(runDir.resolve(access.service() + ".env"), credentials);
            }
        }
    }

    private static void writeEnvironment(Path file, Map<String, String> config) throws IOException {
        StringBuilder env = new StringBuilder("# written by the local runtime for ./decisionlog up; removed when it stops\n");
        config.forEach((key, value) -> env.append(key.toUpperCase(java.util.Locale.ROOT)
                .replaceAll("[^A-Z0-9]", "_")).append("='").append(value.replace("'", "'\\''")).append("'\n"));
        OwnerOnlyFile.write(file, env.toString());
    }

    private static void writeState(Path state, LocalRuntime runtime) throws IOException {
        Properties properties = new Properties();
        properties.put("kafka.bootstrap.servers", runtime.bootstrapServers());
        properties.put("quarkus.datasource.jdbc.url", runtime.jdbcUrl());
        properties.put("quarkus.datasource.username", EmbeddedDatabase.USER);
        properties.put("runtime.pid", String.valueOf(ProcessHandle.current().pid()));
        properties.put("broker.pid", String.valueOf(runtime.broker().pid()));
        properties.put("broker.log", runtime.broker().logFile().toString());
        properties.put("postgres.pid", String.valueOf(runtime.database().pid()));
        Path tmp = state.resolveSibling(state.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            properties.store(out, "written by the local runtime; removed when it stops");
        }
        Files.move(tmp, state, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private record Options(Path dataDir, int kafkaPort, int postgresPort, boolean secure) {
        static Options parse(String[] args) {
            Path dataDir = Path.of("var");
            int kafkaPort = 9092;
            int postgresPort = 5433;
            boolean secure = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--data-dir" -> dataDir = Path.of(value(args, ++i));
                    case "--kafka-port" -> kafkaPort = Integer.parseInt(value(args, ++i));
                    case "--postgres-port" -> postgresPort = Integer.parseInt(value(args, ++i));
                    case "--secure" -> secure = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (known: --data-dir, --kafka-port, --postgres-port, --secure)");
                }
            }
            return new Options(dataDir.toAbsolutePath(), kafkaPort, postgresPort, secure);
        }

        private static String value(String[] args, int at) {
            if (at >= args.length) {
                throw new IllegalArgumentException(args[at - 1] + " needs a value");
            }
            return args[at];
        }
    }
}

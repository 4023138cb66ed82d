package io.decisionlog.deploy.local;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
                    options.kafkaPort + 1, options.postgresPort, false));
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
            } catch (IOException ignored) {
                // status reports a stale file as not running
            }
            stopped.countDown();
        }, "local-runtime-stop"));
        writeState(state, runtime);
        System.out.printf("decision-log local runtime ready in %d ms: Kafka %s (pid %d), PostgreSQL %s (pid %d)%n",
                (System.nanoTime() - started) / 1_000_000, runtime.bootstrapServers(), runtime.broker().pid(),
                runtime.jdbcUrl(), runtime.database().pid());
        stopped.await();
    }

    private static void writeState(Path state, LocalRuntime runtime) throws IOException {
        Properties properties = new Properties();
        properties.putAll(runtime.serviceConfig());
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

    private record Options(Path dataDir, int kafkaPort, int postgresPort) {
        static Options parse(String[] args) {
            Path dataDir = Path.of("var");
            int kafkaPort = 9092;
            int postgresPort = 5433;
            for (int i = 0; i + 1 < args.length; i += 2) {
                switch (args[i]) {
                    case "--data-dir" -> dataDir = Path.of(args[i + 1]);
                    case "--kafka-port" -> kafkaPort = Integer.parseInt(args[i + 1]);
                    case "--postgres-port" -> postgresPort = Integer.parseInt(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (known: --data-dir, --kafka-port, --postgres-port)");
                }
            }
            return new Options(dataDir.toAbsolutePath(), kafkaPort, postgresPort);
        }
    }
}

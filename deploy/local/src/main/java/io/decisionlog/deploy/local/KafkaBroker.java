package io.decisionlog.deploy.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one), run as its own JVM from the Maven
 * Central jars so that its classpath never meets the caller's. Listens on 127.0.0.1 only; data under {@code dir}.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final String bootstrapServers;
    private final Path logFile;
    private final Map<String, Object> client;

    private KafkaBroker(Process process, String bootstrapServers, Path logFile, Map<String, Object> client) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.logFile = logFile;
        this.client = client;
    }

    private KafkaBroker(Process process, String bootstrapServers, Path logFile) {
        this(process, bootstrapServers, logFile, Map.of("bootstrap.servers", bootstrapServers));
    }

    /** Formats the storage on first use, starts the broker, and returns once it answers metadata requests. */
    public static KafkaBroker start(Path dir, int port, int controllerPort) throws IOException {
        Ports.requireFree(port, "the Kafka broker");
        Ports.requireFree(controllerPort, "the Kafka controller");
        Path config = BrokerConfig.write(dir, port, controllerPort);
        Path log = dir.resolve("broker.log");
        if (!Files.exists(BrokerConfig.dataDir(dir).resolve("meta.properties"))) {
            format(config, log, Uuid.randomUuid().toString());
        }
        Process process = java(log, "io.decisionlog.deploy.local.BrokerProcess",
                String.valueOf(ProcessHandle.current().pid()), config.toString()).start();
        KafkaBroker broker = new KafkaBroker(process, Ports.LOOPBACK + ":" + port, log);
        broker.awaitReady();
        return broker;
    }

    /**
     * The single node with its listeners secured ({@link BrokerConfig#writeSecure}): SASL_SSL with SCRAM-SHA-512 on
     * {@code port}, mutual TLS on {@code mtlsPort}; the operator's SCRAM user is created when the storage is
     * formatted, each service's user and ACLs ({@link ServiceUsers}) once the broker answers it. Returns then.
     */
    public static KafkaBroker startSecure(Path dir, int port, int mtlsPort, int controllerPort,
                                          TransportSecurity security) throws IOException {
        Ports.requireFree(port, "the Kafka broker");
        Ports.requireFree(mtlsPort, "the Kafka broker's mutual-TLS listener");
        Ports.requireFree(controllerPort, "the Kafka controller");
        Path config = BrokerConfig.writeSecure(dir, port, mtlsPort, controllerPort, security);
        Path log = dir.resolve("broker.log");
        // the SCRAM user exists only in storage formatted for it: a cleartext broker's storage has none
        Path scram = dir.resolve("scram-user");
        if (!Files.exists(BrokerConfig.dataDir(dir).resolve("meta.properties"))) {
            format(config, log, Uuid.randomUuid().toString(), "--add-scram", security.scramCredential());
            Files.writeString(scram, security.user() + "\n");
        } else if (!Files.exists(scram)) {
            throw new IllegalStateException(dir + " holds a cleartext broker's storage, which has no SCRAM user: "
                    + "run --secure with another data directory (DECISIONLOG_DATA_DIR), or remove " + dir
                    + " (its topics go with it)");
        }
        Process process = java(log, "io.decisionlog.deploy.local.BrokerProcess",
                String.valueOf(ProcessHandle.current().pid()), config.toString()).start();
        String servers = Ports.LOOPBACK + ":" + port;
        KafkaBroker broker = new KafkaBroker(process, servers, log, security.saslSsl(servers));
        broker.awaitReady();
        ServiceUsers.create(broker.clientConfig(), security);
        return broker;
    }

    /** What a client sets to reach this broker: its servers, and on a secured broker the SCRAM and TLS settings. */
    public Map<String, Object> clientConfig() {
        return client;
    }

    /**
     * One node of a {@link KafkaCluster}: formats its storage with the cluster's id on first use and starts it, without
     * waiting, since a node of a quorum answers only once a majority of the quorum runs. Restarting a node that
     * was stopped or killed is the same call: its storage is already formatted.
     */
    static KafkaBroker startNode(Path dir, Path config, int port, String clusterId) throws IOException {
        Path log = dir.resolve("broker.log");
        if (!Files.exists(BrokerConfig.dataDir(dir).resolve("meta.properties"))) {
            format(config, log, clusterId);
        }
        Process process = java(log, "io.decisionlog.deploy.local.BrokerProcess",
                String.valueOf(ProcessHandle.current().pid()), config.toString()).start();
        return new KafkaBroker(process, Ports.LOOPBACK + ":" + port, log);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** A controlled shutdown (SIGTERM), then a kill if it takes longer than 30 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A crash, for fault tests: SIGKILL, no controlled shutdown, no flush. Returns once the process is gone. */
    public void kill() {
        if (!process.isAlive()) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        int port = Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
        // wait for the listener first: an admin client polling a closed port only fills the log with warnings
        Wait.until("the Kafka broker to listen on " + bootstrapServers, READY_TIMEOUT,
                () -> exitedWithLog() || Ports.accepts(port));
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        try (Admin admin = Admin.create(config)) {
            Wait.until("the Kafka broker on " + bootstrapServers, READY_TIMEOUT,
                    () -> exitedWithLog() || answers(admin));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private boolean exitedWithLog() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the Kafka broker exited with " + process.exitValue()
                    + "; the end of " + logFile + ":\n" + tail(logFile));
        }
        return false;
    }

    private static boolean answers(Admin admin) {
        try {
            return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
        } catch (Exception notYet) {
            return false;
        }
    }

    private static void format(Path config, Path log, String clusterId, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("format", "--ignore-formatted", "-t", clusterId, "-c",
                config.toString()));
        args.addAll(List.of(more));
        Process format = java(log, "kafka.tools.StorageTool", args.toArray(String[]::new)).start();
        try {
            if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage failed; the end of " + log + ":\n" + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    private static ProcessBuilder java(Path log, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx" + System.getProperty("decisionlog.kafka.heap", "512m"),
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log.resolveSibling("log4j2.properties"),
                "-cp", classpath(), mainClass));
        // tests want a broker up fast (C1 only, serial GC); ./decisionlog up wants one that runs fast with short
        // pauses (-Ddecisionlog.kafka.jit=full: C2 and G1)
        if ("full".equals(System.getProperty("decisionlog.kafka.jit"))) {
            command.add(command.indexOf("-cp"), "-XX:+UseG1GC");
        } else {
            command.addAll(command.indexOf("-cp"), List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        }
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    /** The broker's jars (resolved by the kafka-broker module's build) plus this module, for BrokerProcess. */
    private static String classpath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("/kafka-broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("kafka-broker.classpath is missing: build the deploy/kafka-broker module");
            }
            String jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            String self = Path.of(KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            return self + java.io.File.pathSeparator + jars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}

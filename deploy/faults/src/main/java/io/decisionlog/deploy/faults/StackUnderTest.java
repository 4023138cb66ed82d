package io.decisionlog.deploy.faults;

import io.decisionlog.deploy.local.EmbeddedDatabase;
import io.decisionlog.deploy.local.KafkaCluster;
import io.decisionlog.deploy.local.Ports;
import io.decisionlog.deploy.local.Wait;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The processes the run starts and stops: PostgreSQL, the 3-node Kafka cluster, the ci-audit-ingesters, the two
 * decision-graph instances and any blame-ingesters, each listed in the pid file as it starts.
 */
final class StackUnderTest {
    /**
     * How many instances of what: the fault run's one ci-audit-ingester, or the scale-out run's two of each ingester;
     * {@code graphOptions}, JVM flags for decision-graph alone (Streams settings as system properties).
     */
    record Shape(int ciIngesters, int blameIngesters, String graphOptions) {
        static final Shape FAULTS = new Shape(1, 0, "");
    }

    private String adminToken;
    /** decision-graph's Kafka Streams application id: its consumer group and the prefix of its internal topics. */
    static final String STREAMS_APPLICATION = "decision-graph";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    private final Settings settings;
    private final Shape shape;
    private final PidFile pids;
    private final HttpClient http;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final List<ServiceProcess> ingesters = new ArrayList<>();
    private final List<ServiceProcess> blameIngesters = new ArrayList<>();
    private EmbeddedDatabase database;
    private KafkaCluster cluster;
    private ServiceProcess graphA;
    private ServiceProcess graphB;

    StackUnderTest(Settings settings, Shape shape, PidFile pids, HttpClient http) {
        this.settings = settings;
        this.shape = shape;
        this.pids = pids;
        this.http = http;
    }

    /** Starts everything and returns once every service is ready; {@code token} is the admin token all accept. */
    void start(String token) throws IOException {
        this.adminToken = token;
        Console.say("starting PostgreSQL on :%d and a 3-node KRaft cluster on :%d-%d (controllers :%d-%d)",
                settings.postgresPort(), settings.kafkaPort(), settings.kafkaPort() + 2, settings.controllerPort(),
                settings.controllerPort() + 2);
        startDatabase();
        startCluster();
        startServices(token);
    }

    private void startDatabase() throws IOException {
        database = EmbeddedDatabase.start(settings.dataDir().resolve("postgres"), settings.postgresPort(), true);
        if (database.pid() <= 0) {
            // zonky waits for the port: if another program took it at the same moment, that is what answered
            throw new IllegalStateException("PostgreSQL did not start in " + settings.dataDir().resolve("postgres")
                    + " (is port " + settings.postgresPort() + " taken? see postgres.log there)");
        }
        pids.add(database.pid(), "postgres");
    }

    private void startCluster() throws IOException {
        System.setProperty("decisionlog.kafka.heap", settings.brokerHeap());
        long clusterStart = System.nanoTime();
        cluster = KafkaCluster.start(settings.dataDir().resolve("kafka"), 3, settings.kafkaPort(), settings.controllerPort());
        for (int node : cluster.nodeIds()) {
            pids.add(cluster.node(node).pid(), "kafka-node-" + node);
        }
        Console.say("cluster %s up in %s", cluster.bootstrapServers(), Console.since(clusterStart));
    }

    private void startServices(String token) throws IOException {
        for (int i = 0; i < shape.ciIngesters(); i++) {
            ingesters.add(startService(instanceName("ci-audit-ingester", i, shape.ciIngesters()), "ci-audit-ingester",
                    settings.ingesterPort() + i, Map.of(), ""));
        }
        graphA = startGraph("decision-graph-a", settings.graphPortA());
        graphB = startGraph("decision-graph-b", settings.graphPortB());
        for (int i = 0; i < shape.blameIngesters(); i++) {
            blameIngesters.add(startService(instanceName("blame-ingester", i, shape.blameIngesters()), "blame-ingester",
                    settings.ingesterPort() + shape.ciIngesters() + i,
                    Map.of("DECISIONLOG_LOCAL_REPO_ROOTS", localRepositories().toString()), ""));
        }
        long servicesStart = System.nanoTime();
        for (ServiceProcess service : services) {
            if (!blameIngesters.contains(service)) {
                service.awaitReady(START_TIMEOUT);
            }
        }
        // both graph instances ready at once: the second one's join (a rebalance) is over
        Wait.until("both decision-graph instances ready", START_TIMEOUT, () -> graphA.ready() && graphB.ready());
        // of the blame-ingesters only the one holding the lease is ready: the others stand by
        Wait.until("a blame-ingester ready", START_TIMEOUT,
                () -> blameIngesters.isEmpty() || blameIngesters.stream().anyMatch(ServiceProcess::ready));
        Console.say("services ready in %s: %s", Console.since(servicesStart), services.stream()
                .map(service -> service.name() + " :" + service.port()).collect(Collectors.joining(", ")));
    }

    /** {@code name}, or {@code name-1}, {@code name-2}… when there are several. */
    private static String instanceName(String name, int index, int count) {
        return count == 1 ? name : name + "-" + (index + 1);
    }

    private ServiceProcess startGraph(String name, int port) throws IOException {
        return startService(name, "decision-graph", port, Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", EmbeddedDatabase.USER,
                "KAFKA_STREAMS_STATE_DIR", streamsStateDir(name).toString()), shape.graphOptions());
    }

    /** Where the git repositories the blame-ingesters may sync from a local path are. */
    Path localRepositories() {
        return settings.dataDir().resolve("repositories");
    }

    /** Where a decision-graph instance keeps its Kafka Streams state (active and standby tasks). */
    private Path streamsStateDir(String graph) {
        return settings.dataDir().resolve(graph).resolve("kafka-streams");
    }

    private ServiceProcess startService(String name, String module, int port, Map<String, String> extra,
                                        String javaOptions) throws IOException {
        Path dir = settings.dataDir().resolve(name);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers());
        env.put("DECISIONLOG_KAFKA_REPLICATION_FACTOR", "3");
        env.put("DECISIONLOG_DATA_DIR", dir.toString());
        env.put("QUARKUS_HTTP_HOST", Ports.LOOPBACK);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("DECISIONLOG_ADMIN_TOKEN", adminToken);
        env.putAll(extra);
        ServiceProcess service = ServiceProcess.start(name, settings.jar(module), port, env, dir,
                settings.javaOpts() + " " + javaOptions, settings.dataDir().toString(), http);
        pids.add(service.pid(), name);
        services.add(service);
        Console.say("started %s (pid %d) on :%d; log %s", name, service.pid(), port, service.log());
        return service;
    }

    KafkaCluster cluster() {
        return cluster;
    }

    /** The (first) ci-audit-ingester. */
    ServiceProcess ingester() {
        return ingesters.get(0);
    }

    List<ServiceProcess> ingesters() {
        return ingesters;
    }

    List<ServiceProcess> blameIngesters() {
        return blameIngesters;
    }

    /** The instance the faults kill. */
    ServiceProcess graphA() {
        return graphA;
    }

    /** The instance that survives and answers the checks. */
    ServiceProcess graphB() {
        return graphB;
    }

    /** Every service started, the ci-audit-ingesters first. */
    List<ServiceProcess> services() {
        return services;
    }

    /** The decision-graph instances started. */
    List<ServiceProcess> graphs() {
        return List.of(graphA, graphB);
    }

    /** Stops what was started, services first (all at once), then the cluster and the database. */
    void stop() {
        stopServices();
        if (cluster != null) {
            cluster.close();
        }
        if (database != null) {
            try {
                database.close();
            } catch (RuntimeException e) {
                Console.say("stopping PostgreSQL: %s", e.getMessage());
            }
        }
    }

    private void stopServices() {
        List<Thread> stops = new ArrayList<>();
        for (ServiceProcess service : services) {
            Thread stop = new Thread(service::stop, "stop-" + service.name());
            stop.start();
            stops.add(stop);
        }
        for (Thread stop : stops) {
            try {
                stop.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

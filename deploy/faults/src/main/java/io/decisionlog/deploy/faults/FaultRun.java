package io.decisionlog.deploy.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.deploy.local.EmbeddedDatabase;
import io.decisionlog.deploy.local.KafkaCluster;
import io.decisionlog.deploy.local.Ports;
import io.decisionlog.deploy.local.TopicSnapshot;
import io.decisionlog.deploy.local.Wait;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Keys;
import io.decisionlog.events.Topic;
import io.decisionlog.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Issue #8, faults on one machine: a 3-node KRaft cluster (separate broker processes, each broker and controller),
 * PostgreSQL, the ci-audit-ingester and two decision-graph instances (one Streams application, one store group), all
 * on 127.0.0.1. While CI deliveries and pushes stream in, the leader of decisionlog.ci.runs.v1 is killed (-9) and
 * restarted several times and one decision-graph instance is killed for good. Then, once the chains and the store
 * have caught up: every delivery that got a 202 must be in the final chains exactly once and in the store exactly
 * once, and the store must equal a rebuild from scratch.
 * <p>
 * Exit code 0 when nothing acknowledged was lost or duplicated and every other check held; 1 when a check failed;
 * 2 when the run itself could not be carried out (see the message). Every process it starts is stopped at the end,
 * also on SIGTERM; bench/faults.sh runs it under a timeout.
 */
public final class FaultRun {
    private static final String STREAMS_APPLICATION = "decision-graph";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    private final Settings settings;
    private final String marker;
    private final PidFile pids;
    private final HttpClient http;
    private final List<ServiceProcess> services = new ArrayList<>();
    private EmbeddedDatabase database;
    private KafkaCluster cluster;
    private CiDeliveries deliveries;
    private Pushes pushes;
    private LivenessWatch liveness;
    private boolean tornDown;

    private FaultRun(Settings settings) {
        this.settings = settings;
        this.marker = settings.dataDir().toString();
        this.pids = new PidFile(settings.dataDir().resolve("pids"));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3)).executor(Executors.newFixedThreadPool(4, DaemonThreads.named("http")))
                .build();
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        FaultRun run = new FaultRun(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(run::teardown, "fault-run-teardown"));
        int code;
        try {
            code = run.execute();
        } catch (Throwable e) {
            Console.say("the fault run could not be carried out: %s", e);
            e.printStackTrace(System.out);
            code = 2;
        } finally {
            run.teardown();
        }
        Console.say("exit code %d (data and logs: %s)", code, settings.dataDir());
        System.exit(code);
    }

    private int execute() throws Exception {
        long started = System.nanoTime();
        prepare();
        String token = "faultrun-" + UUID.randomUUID();

        Console.say("starting PostgreSQL on :%d and a 3-node KRaft cluster on :%d-%d (controllers :%d-%d)",
                settings.postgresPort(), settings.kafkaPort(), settings.kafkaPort() + 2, settings.controllerPort(),
                settings.controllerPort() + 2);
        database = EmbeddedDatabase.start(settings.dataDir().resolve("postgres"), settings.postgresPort(), true);
        if (database.pid() <= 0) {
            // zonky waits for the port: if another program took it at the same moment, that is what answered
            throw new IllegalStateException("PostgreSQL did not start in " + settings.dataDir().resolve("postgres")
                    + " (is port " + settings.postgresPort() + " taken? see postgres.log there)");
        }
        pids.add(database.pid(), "postgres");
        System.setProperty("decisionlog.kafka.heap", settings.brokerHeap());
        long clusterStart = System.nanoTime();
        cluster = KafkaCluster.start(settings.dataDir().resolve("kafka"), 3, settings.kafkaPort(), settings.controllerPort());
        for (int node : cluster.nodeIds()) {
            pids.add(cluster.node(node).pid(), "kafka-node-" + node);
        }
        Console.say("cluster %s up in %s", cluster.bootstrapServers(), Console.since(clusterStart));

        ServiceProcess ingester = startService("ci-audit-ingester", "ci-audit-ingester", settings.ingesterPort(),
                Map.of("DECISIONLOG_CI_API_TOKEN", token));
        ServiceProcess graphA = startGraph("decision-graph-a", settings.graphPortA());
        ServiceProcess graphB = startGraph("decision-graph-b", settings.graphPortB());
        long servicesStart = System.nanoTime();
        for (ServiceProcess service : services) {
            service.awaitReady(START_TIMEOUT);
        }
        // both graph instances ready at once: the second one's join (a rebalance) is over
        Wait.until("both decision-graph instances ready", START_TIMEOUT, () -> graphA.ready() && graphB.ready());
        Console.say("services ready in %s: ci-audit-ingester :%d, decision-graph-a :%d, decision-graph-b :%d",
                Console.since(servicesStart), ingester.port(), graphA.port(), graphB.port());

        GraphApi survivor = new GraphApi(http, graphB.port());
        int projected = Topics.BLAME.partitions() + Topics.CHAINS.partitions() + Topics.MINUTES.partitions();
        Plan plan = new Plan(UUID.randomUUID().toString().substring(0, 8), settings.runsPerCommit(), settings.repos());
        deliveries = new CiDeliveries(http, ingester.port(), token, settings.giveUpAfter());
        pushes = new Pushes(cluster.bootstrapServers());
        Workload workload = new Workload(plan, deliveries, pushes, settings.rate());
        Faults faults = new Faults(cluster, pids, settings);
        liveness = new LivenessWatch(http, List.of(graphA, graphB));

        Console.say("load: %.0f CI deliveries/s (%d runs per commit, pushes before or after their runs); %s warm-up",
                settings.rate(), settings.runsPerCommit(), Console.seconds(settings.warmUp()));
        long loadStart = System.nanoTime();
        workload.start();
        Faults.sleep(settings.warmUp());
        Exception faultFailure = null;
        try {
            faults.run(graphA, survivor, projected);
        } catch (Exception e) {
            faultFailure = e;
            Console.say("the faults could not all be carried out: %s", e.getMessage());
        }
        Faults.sleep(settings.tail());
        workload.stop();
        Duration loadTime = Duration.ofNanos(System.nanoTime() - loadStart);
        Console.say("load stopped after %s: %d deliveries started; waiting for their final answers",
                Console.seconds(loadTime), workload.started());
        boolean settled = deliveries.awaitSettled(settings.giveUpAfter().plusSeconds(30));
        boolean pushed = pushes.awaitAll(Duration.ofSeconds(150));
        Console.say("deliveries settled: %s (%d pending); pushes acknowledged: %d of %d%s", settled, deliveries.pending(),
                pushes.acknowledged().size(), pushes.pushed().size(), pushed ? "" : " (some still pending)");

        Set<String> acknowledged = deliveries.all().stream()
                .filter(d -> d.outcome == CiDeliveries.Outcome.ACCEPTED || d.outcome == CiDeliveries.Outcome.ALREADY_RECORDED)
                .map(d -> d.run.id()).collect(Collectors.toSet());
        Set<String> commitKeys = new HashSet<>(pushes.acknowledged());

        // --- catch-up: the chains topic, then the store --------------------------------------------------------
        Map<String, DecisionChain> chains;
        long catchUpStart = System.nanoTime();
        try (Admin admin = cluster.admin(); ChainsReader reader = new ChainsReader(cluster.bootstrapServers())) {
            awaitChains(admin, reader, acknowledged, commitKeys);
        }
        Duration chainsCaughtUp = Duration.ofNanos(System.nanoTime() - catchUpStart);
        try (ChainsReader finalRead = ChainsReader.readAll(cluster.bootstrapServers(), Duration.ofMinutes(2))) {
            chains = new HashMap<>(finalRead.latest());
            Console.say("final read of %s (read_committed, to its end): %d records, %d chains",
                    Topics.CHAINS.name(), finalRead.records(), chains.size());
        }
        Map<String, Optional<JsonNode>> stored = awaitStore(survivor, projected, commitKeys, pushes.pushed(), chains);
        Duration storeCaughtUp = Duration.ofNanos(System.nanoTime() - catchUpStart);

        // --- the store equals a rebuild from scratch -------------------------------------------------------------
        long rebuildStart = System.nanoTime();
        long generation = survivor.rebuild();
        Console.say("POST /api/v1/admin/rebuild: generation %d; waiting for the replay", generation);
        awaitProjection(survivor, projected, generation, Duration.ofMinutes(4));
        Map<String, Optional<JsonNode>> rebuilt = fetchAll(survivor, commitKeys, pushes.pushed());
        List<String> rebuildDiffers = commitKeys.stream().filter(key -> !stored.get(key).equals(rebuilt.get(key)))
                .sorted().toList();
        Console.say("rebuild replayed in %s; %d commits compared, %d differ", Console.since(rebuildStart),
                commitKeys.size(), rebuildDiffers.size());

        // --- verdict ---------------------------------------------------------------------------------------------
        Map<String, String> topicChecks;
        try (Admin admin = cluster.admin()) {
            topicChecks = checkTopics(admin);
        }
        Verdict verdict = new Verdict(deliveries, plan, chains, stored, commitKeys);
        Map<String, List<ConsumerRecord<String, byte[]>>> runRecords = verdict.lost().isEmpty() ? Map.of()
                : runRecords(verdict.lost());
        int code = report(verdict, faults, workload, rebuildDiffers, rebuilt, stored, topicChecks, runRecords,
                loadTime, chainsCaughtUp, storeCaughtUp, Duration.ofNanos(System.nanoTime() - started), faultFailure);
        return code;
    }

    // --- start and stop ------------------------------------------------------------------------------------------

    private void prepare() throws IOException {
        Path dir = settings.dataDir();
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(dir);
        for (String service : List.of("ci-audit-ingester", "decision-graph")) {
            Path jar = settings.jar(service);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: build it with ./mvnw -o -q -pl " + service
                        + " -am install -DskipTests");
            }
        }
        List<Integer> ports = new ArrayList<>(List.of(settings.postgresPort(), settings.ingesterPort(),
                settings.graphPortA(), settings.graphPortB()));
        for (int i = 0; i < 3; i++) {
            ports.add(settings.kafkaPort() + i);
            ports.add(settings.controllerPort() + i);
        }
        for (int port : ports) {
            Ports.requireFree(port, "the fault run");
        }
        Console.say("fault run in %s (the processes it starts are listed in %s)", dir, dir.resolve("pids"));
    }

    private ServiceProcess startGraph(String name, int port) throws IOException {
        Path state = settings.dataDir().resolve(name);
        return startService(name, "decision-graph", port, Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", EmbeddedDatabase.USER,
                "KAFKA_STREAMS_STATE_DIR", state.resolve("kafka-streams").toString()));
    }

    private ServiceProcess startService(String name, String module, int port, Map<String, String> extra)
            throws IOException {
        Path dir = settings.dataDir().resolve(name);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers());
        env.put("DECISIONLOG_KAFKA_REPLICATION_FACTOR", "3");
        env.put("DECISIONLOG_DATA_DIR", dir.toString());
        env.put("QUARKUS_HTTP_HOST", Ports.LOOPBACK);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.putAll(extra);
        ServiceProcess service = ServiceProcess.start(name, settings.jar(module), port, env, dir, settings.javaOpts(),
                marker, http);
        pids.add(service.pid(), name);
        services.add(service);
        Console.say("started %s (pid %d) on :%d; log %s", name, service.pid(), port, service.log());
        return service;
    }

    private synchronized void teardown() {
        if (tornDown) {
            return;
        }
        tornDown = true;
        if (liveness != null) {
            liveness.close();
        }
        if (deliveries != null) {
            deliveries.close();
        }
        if (pushes != null) {
            try {
                pushes.close();
            } catch (RuntimeException ignored) {
                // the cluster goes next anyway
            }
        }
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
        Console.say("stopped every process this run started");
    }

    // --- catching up ---------------------------------------------------------------------------------------------

    /**
     * Until every acknowledged run and every pushed commit is in the latest chains and decision-graph's Streams
     * group has no lag; or, when something never arrives, until the chains have been quiet for 30 s with no lag
     * (then the verdict says what is missing); bounded by --catch-up-timeout.
     */
    private void awaitChains(Admin admin, ChainsReader reader, Set<String> acknowledged, Set<String> commitKeys) {
        long deadline = System.nanoTime() + settings.catchUpTimeout().toNanos();
        long nextCheck = 0;
        long nextSay = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            reader.poll(Duration.ofMillis(500));
            if (System.nanoTime() < nextCheck) {
                continue;
            }
            nextCheck = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            Set<String> seen = new HashSet<>();
            for (DecisionChain chain : reader.latest().values()) {
                for (CiRun run : chain.ciRuns()) {
                    seen.add(run.repo() + "#" + run.runId());
                }
            }
            long missingRuns = acknowledged.stream().filter(id -> !seen.contains(id)).count();
            long missingCommits = commitKeys.stream().filter(key -> !reader.latest().containsKey(key)).count();
            long lag = streamsLag(admin);
            if (missingRuns == 0 && missingCommits == 0 && lag == 0) {
                Console.say("chains caught up: every acknowledged run and pushed commit is in %s, Streams lag 0",
                        Topics.CHAINS.name());
                return;
            }
            boolean quiet = reader.quietFor().compareTo(Duration.ofSeconds(30)) >= 0;
            if (quiet && lag == 0) {
                Console.say("chains settled (no Streams lag, quiet for 30 s) with %d acknowledged runs and %d commits"
                        + " not in them", missingRuns, missingCommits);
                return;
            }
            if (System.nanoTime() > deadline) {
                Console.say("chains did not catch up within %s: %d acknowledged runs and %d commits missing, Streams"
                        + " lag %d", Console.seconds(settings.catchUpTimeout()), missingRuns, missingCommits, lag);
                return;
            }
            if (System.nanoTime() > nextSay) {
                nextSay = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                Console.say("  catching up: %d acknowledged runs and %d commits not in the chains yet, Streams lag %d",
                        missingRuns, missingCommits, lag);
            }
        }
    }

    /** Records of decision-graph's input and repartition topics that its Streams group has not committed past. */
    private long streamsLag(Admin admin) {
        try {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(10, TimeUnit.SECONDS).stream()
                    .filter(name -> List.of(Topics.COMMITS.name(), Topics.CI_RUNS.name(), Topics.CI_DISPATCHES.name(),
                            Topics.MINUTES.name()).contains(name)
                            || (name.startsWith(STREAMS_APPLICATION + "-") && name.endsWith("-repartition")))
                    .collect(Collectors.toSet());
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    ends.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(STREAMS_APPLICATION)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            var offsets = admin.listOffsets(ends, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all().get(10, TimeUnit.SECONDS);
            long lag = 0;
            for (var entry : offsets.entrySet()) {
                OffsetAndMetadata at = committed.get(entry.getKey());
                lag += Math.max(0, entry.getValue().offset() - (at == null ? 0 : at.offset()));
            }
            return lag;
        } catch (Exception notNow) {
            return -1;
        }
    }

    /**
     * Waits for the surviving instance's projection to follow every partition and be caught up, then reads every
     * commit's chain from the store; commits whose runs differ from the chains topic are read again for up to 60 s.
     */
    private Map<String, Optional<JsonNode>> awaitStore(GraphApi survivor, int projected, Set<String> commitKeys,
                                                       Map<String, GitCommit> commits,
                                                       Map<String, DecisionChain> chains) {
        long start = System.nanoTime();
        awaitProjection(survivor, projected, -1, settings.catchUpTimeout());
        Map<String, Optional<JsonNode>> stored = fetchAll(survivor, commitKeys, commits);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> differing = differing(stored, chains, commitKeys);
        while (!differing.isEmpty() && System.nanoTime() < deadline) {
            Faults.sleep(Duration.ofSeconds(2));
            for (String key : differing) {
                GitCommit commit = commits.get(key);
                stored.put(key, survivor.commit(commit.repo(), commit.sha()));
            }
            differing = differing(stored, chains, commitKeys);
        }
        Console.say("store caught up in %s: %d commits read from decision-graph-b, %d differ from the chains topic",
                Console.since(start), stored.size(), differing.size());
        return stored;
    }

    private void awaitProjection(GraphApi survivor, int projected, long generation, Duration timeout) {
        long[] lastApplied = {-1};
        int[] steady = {0};
        Wait.until("the surviving decision-graph's store projection to be caught up on all " + projected
                + " partitions" + (generation >= 0 ? " in generation " + generation : ""), timeout, () -> {
            JsonNode status;
            try {
                status = survivor.projection();
            } catch (RuntimeException notNow) {
                return false;
            }
            boolean current = status.path("caught_up").asBoolean() && status.path("lag").asLong() == 0
                    && status.path("partitions").asInt() >= projected
                    && (generation < 0 || status.path("generation").asLong() == generation);
            long applied = status.path("applied").asLong();
            steady[0] = current && applied == lastApplied[0] ? steady[0] + 1 : 0;
            lastApplied[0] = applied;
            if (!current) {
                Faults.sleep(Duration.ofMillis(500));
            }
            // three answers in a row with nothing more applied: the replay is over, not between two batches
            return steady[0] >= 3;
        });
    }

    private Map<String, Optional<JsonNode>> fetchAll(GraphApi api, Set<String> commitKeys, Map<String, GitCommit> commits) {
        Map<String, Optional<JsonNode>> answers = new TreeMap<>();
        for (String key : commitKeys) {
            GitCommit commit = commits.get(key);
            answers.put(key, api.commit(commit.repo(), commit.sha()));
        }
        return answers;
    }

    private static List<String> differing(Map<String, Optional<JsonNode>> stored, Map<String, DecisionChain> chains,
                                          Set<String> commitKeys) {
        List<String> differing = new ArrayList<>();
        for (String key : commitKeys) {
            DecisionChain chain = chains.get(key);
            List<String> inTopic = chain == null ? List.of()
                    : chain.ciRuns().stream().map(run -> run.repo() + "#" + run.runId()).sorted().toList();
            List<String> inStore = Verdict.runIds(stored.get(key)).stream().sorted().toList();
            if (!inTopic.equals(inStore) || (chain == null) != stored.get(key).isEmpty()) {
                differing.add(key);
            }
        }
        return differing;
    }

    /** For lost runs: their records in decisionlog.ci.runs.v1, to tell a lost write from a lost join. */
    private Map<String, List<ConsumerRecord<String, byte[]>>> runRecords(Set<String> lostIds) {
        Map<String, String> keys = new HashMap<>();
        for (CiDeliveries.Delivery delivery : deliveries.all()) {
            if (lostIds.contains(delivery.run.id())) {
                keys.put(Keys.ciRun("generic", delivery.run.repo(), delivery.run.runId(), 1), delivery.run.id());
            }
        }
        Map<String, List<ConsumerRecord<String, byte[]>>> found = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicSnapshot.records(cluster.bootstrapServers(),
                Topics.CI_RUNS.name(), keys::containsKey)) {
            found.computeIfAbsent(keys.get(record.key()), id -> new ArrayList<>()).add(record);
        }
        return found;
    }

    // --- topics ---------------------------------------------------------------------------------------------------

    /** Replication of the contract's topics (and their min.insync.replicas), of Streams' internal topics. */
    private Map<String, String> checkTopics(Admin admin) throws Exception {
        Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(10, TimeUnit.SECONDS);
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
        Map<String, String> problems = new LinkedHashMap<>();
        List<ConfigResource> resources = Topics.ALL.stream().map(Topic::name).filter(names::contains)
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(10, TimeUnit.SECONDS);
        int contract = 0;
        for (Topic<?> topic : Topics.ALL) {
            TopicDescription description = described.get(topic.name());
            if (description == null) {
                problems.put(topic.name(), "missing");
                continue;
            }
            contract++;
            int replicas = minReplicas(description);
            ConfigEntry minIsr = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
                    .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            if (replicas != 3 || !"2".equals(minIsr.value()) || minIsr.source() != ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                problems.put(topic.name(), "replication factor " + replicas + ", min.insync.replicas " + minIsr.value()
                        + " (" + minIsr.source() + ")");
            }
        }
        List<String> internal = names.stream().filter(name -> name.startsWith(STREAMS_APPLICATION + "-")).sorted().toList();
        for (String name : internal) {
            int replicas = minReplicas(described.get(name));
            if (replicas != 3) {
                problems.put(name, "replication factor " + replicas);
            }
        }
        Map<String, String> report = new LinkedHashMap<>();
        report.put("contract topics", contract + " of " + Topics.ALL.size() + " exist, replication factor 3 and"
                + " min.insync.replicas=2 set on the topic (by TopicAdmin)" + (problems.isEmpty() ? "" : " — except below"));
        report.put("Streams internal topics", internal.size() + " (changelog, repartition), replication factor "
                + internal.stream().map(name -> minReplicas(described.get(name))).distinct().sorted().toList()
                + " (kafka-streams.replication.factor), min.insync.replicas from the broker default (2)");
        for (String name : List.of("__consumer_offsets", "__transaction_state")) {
            if (described.containsKey(name)) {
                report.put(name, "replication factor " + minReplicas(described.get(name)));
            }
        }
        String dlq = "decisionlog.graph.dlq.v1";
        if (described.containsKey(dlq)) {
            report.put(dlq, TopicSnapshot.records(cluster.bootstrapServers(), dlq, key -> true).size() + " records");
        }
        problems.forEach((name, problem) -> report.put("PROBLEM " + name, problem));
        return report;
    }

    private static int minReplicas(TopicDescription description) {
        return description.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
    }

    // --- the report -----------------------------------------------------------------------------------------------

    private int report(Verdict verdict, Faults faults, Workload workload, List<String> rebuildDiffers,
                       Map<String, Optional<JsonNode>> rebuilt, Map<String, Optional<JsonNode>> stored,
                       Map<String, String> topicChecks, Map<String, List<ConsumerRecord<String, byte[]>>> runRecords,
                       Duration loadTime, Duration chainsCaughtUp, Duration storeCaughtUp, Duration total,
                       Exception faultFailure) {
        List<Faults.LeaderKill> kills = faults.leaderKills();
        Faults.GraphKill graphKill = faults.graphKill();
        boolean topicsOk = topicChecks.keySet().stream().noneMatch(key -> key.startsWith("PROBLEM"));
        boolean faultsDone = kills.size() == settings.leaderKills() && graphKill != null && faultFailure == null;
        boolean pass = verdict.lost().isEmpty() && verdict.duplicated().isEmpty() && verdict.unexpected().isEmpty()
                && verdict.misplaced().isEmpty() && rebuildDiffers.isEmpty() && faultsDone && topicsOk
                && workload.failure() == null;

        System.out.println();
        System.out.println("=== fault run: " + (pass ? "PASS" : "FAIL") + " ===");
        line("sent (distinct (repo, run id) POSTed)", verdict.sent());
        line("acknowledged (202)", verdict.accepted());
        line("acknowledged (200: already recorded, on a retry)", verdict.alreadyRecorded());
        line("not acknowledged (gave up after 503s)", verdict.gaveUp().size()
                + "  — of these in the chains: " + verdict.gaveUpInChains());
        line("rejected (4xx) / never answered", verdict.rejected() + " / " + verdict.pending());
        line("HTTP answers over all attempts", deliveries.answers() + ", timeouts " + deliveries.timeouts()
                + ", connection errors " + deliveries.connectionErrors() + ", retries " + deliveries.retried());
        line("commits pushed / acknowledged", pushes.pushed().size() + " / " + pushes.acknowledged().size()
                + " (failed sends retried: " + pushes.failedSends() + ")");
        line("in chains (acknowledged, exactly once)", verdict.inChains());
        line("stored (acknowledged, exactly once)", verdict.stored());
        line("lost (acknowledged, not in chains or store)", verdict.lost().size() + "   (must be 0)");
        line("duplicated (more than once)", verdict.duplicated().size() + "   (must be 0)");
        line("unexpected (in chains, never sent)", verdict.unexpected().size());
        line("misplaced (in another commit's chain)", verdict.misplaced().size());
        line("chains / stored commits", verdict.chainCount() + " / " + stored.values().stream().filter(Optional::isPresent).count());
        line("store = rebuild from scratch", rebuildDiffers.isEmpty() ? "yes, " + rebuilt.size() + " commits equal JSON"
                : rebuildDiffers.size() + " of " + rebuilt.size() + " commits differ");
        line("leader kills done", kills.size() + " of " + settings.leaderKills());
        for (Faults.LeaderKill kill : kills) {
            line("  kill " + kill.number() + " at " + kill.killedAt(), "node " + kill.node() + " (led partitions "
                    + kill.ledPartitions() + "): failover " + Console.seconds(kill.failover()) + ", restart "
                    + Console.seconds(kill.restart()) + ", back in every ISR " + Console.seconds(kill.inSync()));
        }
        line("decision-graph killed", graphKill == null ? "no" : graphKill.name() + " (pid " + graphKill.pid() + ") at "
                + graphKill.killedAt() + "; survivor held all store partitions after "
                + (graphKill.survivorHadAllPartitionsAfter() == null ? "?" : Console.seconds(graphKill.survivorHadAllPartitionsAfter())));
        for (ServiceProcess graph : services.subList(1, services.size())) {
            long shutdowns = graph.linesContaining("opted to SHUTDOWN_CLIENT");
            String down = liveness.firstDown().get(graph.name());
            line("Streams client of " + graph.name() + " shut down by an error",
                    shutdowns == 0 && down == null ? "no" : "YES: " + shutdowns + " \"opted to SHUTDOWN_CLIENT\" in its log"
                            + (down == null ? "" : "; /q/health/live DOWN, " + down));
        }
        topicChecks.forEach(FaultRun::line);
        line("ci-audit-ingester 503 answers logged", services.get(0).linesContaining("answering 503"));
        for (ServiceProcess service : services) {
            line("ERROR lines in " + service.name() + ".log", service.errorLines());
        }
        line("load / chains caught up / store caught up", Console.seconds(loadTime) + " / " + Console.seconds(chainsCaughtUp)
                + " after the load / " + Console.seconds(storeCaughtUp) + " after the load");
        line("time taken", Console.seconds(total));
        if (faultFailure != null) {
            line("faults not carried out", faultFailure.toString());
        }
        if (workload.failure() != null) {
            line("workload failed", workload.failure().toString());
        }
        explain("lost", verdict.lost(), verdict, runRecords);
        explain("duplicated", verdict.duplicated(), verdict, runRecords);
        explain("unexpected", verdict.unexpected(), verdict, runRecords);
        explain("misplaced", verdict.misplaced(), verdict, runRecords);
        if (!rebuildDiffers.isEmpty()) {
            for (String key : rebuildDiffers.subList(0, Math.min(3, rebuildDiffers.size()))) {
                System.out.println("  store differs from the rebuild for " + key + ":\n    before: "
                        + stored.get(key).map(JsonNode::toString).orElse("404") + "\n    after:  "
                        + rebuilt.get(key).map(JsonNode::toString).orElse("404"));
            }
        }
        System.out.println("logs: " + services.stream().map(s -> s.log().toString()).collect(Collectors.joining(", "))
                + ", " + settings.dataDir().resolve("kafka") + "/node-*/broker.log");
        return pass ? 0 : 1;
    }

    private void explain(String what, Set<String> ids, Verdict verdict,
                         Map<String, List<ConsumerRecord<String, byte[]>>> runRecords) {
        if (ids.isEmpty()) {
            return;
        }
        System.out.println(what + " (up to 10 of " + ids.size() + "):");
        ids.stream().sorted().limit(10).forEach(id -> {
            CiDeliveries.Delivery delivery = deliveries.byId().get(id);
            String commitKey = delivery == null ? "?" : delivery.run.commitKey();
            List<ConsumerRecord<String, byte[]>> records = runRecords.getOrDefault(id, List.of());
            System.out.println("  " + id + ": " + (delivery == null ? "never sent" : delivery.outcome + " after "
                    + delivery.attempts + " attempts (last: " + delivery.lastAnswer + ")")
                    + "; commit " + commitKey + " pushed " + pushes.acknowledged().contains(commitKey)
                    + "; in chains " + verdict.chainTimes(id) + "x, in store " + verdict.storeTimes(id) + "x"
                    + (records.isEmpty() ? "" : "; in " + Topics.CI_RUNS.name() + " at " + records.stream()
                    .map(r -> r.partition() + "@" + r.offset()).toList()));
        });
    }

    private static void line(String label, Object value) {
        System.out.printf("  %-50s %s%n", label, value);
    }
}

package io.decisionlog.graph.bench;

import io.decisionlog.deploy.local.KafkaBroker;
import io.decisionlog.deploy.local.Ports;
import io.decisionlog.deploy.local.ScratchDirs;
import io.decisionlog.deploy.local.Wait;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.Topic;
import io.decisionlog.events.TopicAdmin;
import io.decisionlog.events.kafka.AckedBatch;
import io.decisionlog.events.Topics;
import io.decisionlog.graph.topology.DecisionGraphTopology;
import io.decisionlog.graph.topology.GraphSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Measures the decision-graph topology on a real broker with exactly-once: input records/s while it works off a
 * preloaded backlog, then produce-to-committed-chain latency of single CI runs. Not a test; see the root BENCHMARKS.md.
 * Arguments (all optional, key=value): commits, runs, decisions, minutes (how many decisions have minutes; all by
 * default), orphanMinutes=1 (minutes of decisions no chain names, see {@link Workload}), samples, threads, commitMs,
 * stores (rocks_db|in_memory), bootstrap (an existing broker; default: start one in a temporary directory), topics=1
 * (records per topic; with warm-up, its topics count too), warmup=N (work the backlog off N times before measuring,
 * see {@link #warmUp}), streams.NAME=VALUE (any Kafka Streams setting, e.g.
 * streams.main.consumer.fetch.max.wait.ms=20), topology=floor or topology=join-floor ({@link FloorTopology} instead
 * of the real one: throughput only, no latency phase).
 */
public final class GraphBenchmark {
    private static final Duration PRELOAD_ACKS = Duration.ofMinutes(3);
    private static final Duration PROBE_ACK = Duration.ofSeconds(30);

    private final Map<String, String> args;
    private final String bootstrap;
    private final Workload workload;

    private final ProcessHandle broker;

    private GraphBenchmark(Map<String, String> args, String bootstrap, ProcessHandle broker) {
        this.args = args;
        this.bootstrap = bootstrap;
        this.broker = broker;
        int decisions = intArg("decisions", 2_000);
        this.workload = new Workload(intArg("commits", 20_000), intArg("runs", 20_000), decisions,
                intArg("minutes", decisions), intArg("orphanMinutes", 0) == 1);
    }

    /** Held so the level sticks. Without a configured log manager Kafka's trace logging formats every record. */
    private static java.util.logging.Logger kafkaLog;

    public static void main(String[] argv) throws Exception {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
        kafkaLog = java.util.logging.Logger.getLogger("org.apache.kafka");
        kafkaLog.setLevel(java.util.logging.Level.WARNING);
        // the native library before any store: builds before the nineteenth session's BoundedRocksDbMemory made a
        // cache in its static initializer without loading it, and bench/graph-builds.sh runs them under this harness
        org.rocksdb.RocksDB.loadLibrary();
        Map<String, String> args = new HashMap<>();
        for (String arg : argv) {
            args.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Path dir = ScratchDirs.create("decision-graph-bench-");
        KafkaBroker broker = args.containsKey("bootstrap") ? null
                : KafkaBroker.start(dir.resolve("kafka"), Ports.free(), Ports.free());
        try {
            new GraphBenchmark(args, broker == null ? args.get("bootstrap") : broker.bootstrapServers(),
                    broker == null ? null : ProcessHandle.of(broker.pid()).orElse(null)).run(dir);
        } catch (Exception e) {
            keepBrokerLog(dir.resolve("kafka").resolve("broker.log"));
            throw e;
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    /** A failed run's broker log outlives the run's scratch directory: what the broker saw may say why. */
    private static void keepBrokerLog(Path log) {
        Path kept = Path.of(System.getProperty("java.io.tmpdir"),
                "graph-bench-broker-" + ProcessHandle.current().pid() + ".log");
        try {
            Files.copy(log, kept, StandardCopyOption.REPLACE_EXISTING);
            System.err.println("the broker's log: " + kept);
        } catch (IOException e) {
            System.err.println("the broker's log could not be kept: " + e);
        }
    }

    private void run(Path dir) throws Exception {
        TopicAdmin.ensureTopics(bootstrap, Topics.ALL, (short) 1);
        if (floor()) {
            TopicAdmin.ensureTopics(bootstrap, List.of(FloorTopology.OUTPUT), (short) 1);
        }
        long preloadStart = System.nanoTime();
        int inputs = preload();
        System.out.printf("preloaded %,d input records (%s) in %d ms%n", inputs, workload,
                (System.nanoTime() - preloadStart) / 1_000_000);

        for (int round = 1; round <= intArg("warmup", 0); round++) {
            warmUp(dir.resolve("warmup-" + round));
        }
        String applicationId = "decision-graph-bench-" + System.currentTimeMillis();
        try (KafkaStreams streams = new KafkaStreams(topology(), streamsConfig(applicationId, dir));
             Lag lag = new Lag(bootstrap, applicationId)) {
            AtomicBoolean running = new AtomicBoolean();
            streams.setStateListener((now, before) -> running.compareAndSet(false, now == KafkaStreams.State.RUNNING));
            Map<String, Long> endsAtStart = lag.endOffsets(); // before any internal topic: all it gets is counted
            long start = System.nanoTime();
            streams.start();
            Wait.until("Kafka Streams to run", Duration.ofMinutes(2), running::get);
            long runningAt = System.nanoTime();
            long[] cpuAtStart = {cpu(ProcessHandle.current()), cpu(broker)};
            Memory memory = Memory.resetPeaks(broker);
            Wait.until("the backlog to be worked off", Duration.ofMinutes(30), lag::drained);
            double seconds = (System.nanoTime() - runningAt) / 1e9;
            System.out.printf("startup (rebalance, internal topics) %d ms; backlog worked off in %.1f s: %,.0f input records/s%n",
                    (runningAt - start) / 1_000_000, seconds, inputs / seconds);
            // CPU time per input record does not depend on what else the machine runs, unlike records/s
            System.out.printf("CPU per input record while working it off: Streams JVM %.0f us, broker %.0f us%n",
                    (cpu(ProcessHandle.current()) - cpuAtStart[0]) / 1e3 / inputs,
                    broker == null ? Double.NaN : (cpu(broker) - cpuAtStart[1]) / 1e3 / inputs);
            System.out.print(lag.written(endsAtStart, inputs));
            System.out.println(memory.peaks());
            memory.close();
            if (!floor()) {
                latency(intArg("samples", 300), streams, lag);
            }
            if (args.containsKey("topics")) {
                System.out.print(lag.amplification(inputs));
            }
        }
    }

    /**
     * Works the whole backlog off once under another application id and throws that application away, so that the
     * measured run meets a JIT-compiled client and broker, as a long-running deployment would.
     */
    private void warmUp(Path dir) throws Exception {
        String applicationId = "decision-graph-bench-warmup-" + System.currentTimeMillis();
        long start = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(topology(), streamsConfig(applicationId, dir));
             Lag lag = new Lag(bootstrap, applicationId)) {
            streams.start();
            Wait.until("the warm-up to work the backlog off", Duration.ofMinutes(30), lag::drained);
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
        }
        System.out.printf("warm-up (same backlog, another application id) took %d ms%n",
                (System.nanoTime() - start) / 1_000_000);
    }

    /** A process's CPU time so far in ns (user and system, all threads); 0 when not known. */
    private static long cpu(ProcessHandle process) {
        return process == null ? 0 : process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private int preload() {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new StringSerializer(), new ByteArraySerializer())) {
            // acknowledged, or the run fails saying why: a send that failed unseen would look like a record lost
            AckedBatch batch = new AckedBatch(producer, PRELOAD_ACKS);
            int[] count = {0};
            workload.records((topic, key, value) -> {
                send(batch, topic, key, value);
                count[0]++;
            });
            batch.await();
            return count[0];
        }
    }

    /** As the ingesters send: on the partition the topic's placement gives (a run on its commit's). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void send(AckedBatch batch, Topic topic, String key, Object value) {
        batch.send(topic, key, value);
    }

    /** Produces single runs at 20/s and times each until a committed chain (read_committed) lists it. */
    private void latency(int samples, KafkaStreams streams, Lag lag) throws Exception {
        Map<String, Long> pending = new ConcurrentHashMap<>();
        Map<String, CiRun> probes = new HashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try (KafkaConsumer<String, DecisionChain> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                    new StringDeserializer(), Topics.CHAINS.valueSerde())) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHAINS.name()).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                pending.put("ready", 0L);
                while (!stop.get()) {
                    for (ConsumerRecord<String, DecisionChain> record : consumer.poll(Duration.ofMillis(20))) {
                        long now = System.nanoTime();
                        if (record.value() != null) {
                            for (CiRun run : record.value().ciRuns()) {
                                Long sent = pending.remove(run.key());
                                if (sent != null) {
                                    latencies.add(now - sent);
                                }
                            }
                        }
                    }
                }
            }
        }, "chain-reader");
        reader.setDaemon(true); // a failed run must still end
        reader.start();
        Wait.until("the chain reader", Duration.ofSeconds(30), () -> pending.remove("ready") != null);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < samples; i++) {
                CiRun run = workload.probeRun(i);
                probes.put(run.key(), run);
                pending.put(run.key(), System.nanoTime());
                AckedBatch.publish(producer, PROBE_ACK, Topics.CI_RUNS, run.key(), run);
                Thread.sleep(50); // paces the probes at 20/s: this phase measures latency, not load
            }
        }
        try {
            Wait.until("every probe run in a chain", Duration.ofSeconds(60), pending::isEmpty);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(pending.size() + " of " + samples + " probe runs in no committed chain "
                    + "after 60 s; " + diagnosis(streams, lag, probes, pending.keySet()), e);
        } finally {
            stop.set(true);
        }
        reader.join();
        List<Long> sorted = latencies.stream().sorted().toList();
        System.out.printf("produce -> committed chain, %d runs: p50 %d ms, p99 %d ms, max %d ms%n", sorted.size(),
                percentile(sorted, 50), percentile(sorted, 99), sorted.get(sorted.size() - 1) / 1_000_000);
    }

    /** What the application was doing and where up to five missing probe runs are: best effort, on a failed run. */
    private String diagnosis(KafkaStreams streams, Lag lag, Map<String, CiRun> probes, Set<String> missing) {
        try {
            Map<String, CiRun> some = new HashMap<>();
            missing.stream().limit(5).forEach(run -> some.put(run, probes.get(run)));
            return "Kafka Streams " + streams.state() + ", " + lag.behind() + "; where they are: "
                    + MissingProbes.explain(bootstrap, some.keySet()) + MissingProbes.stores(streams, some);
        } catch (Exception e) {
            return "Kafka Streams " + streams.state() + "; no more known (" + e + ")";
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1_000_000;
    }

    /**
     * topology=floor or join-floor: {@link FloorTopology}, the least any joining topology does, instead of the real
     * one.
     */
    private boolean floor() {
        return List.of("floor", "join-floor").contains(args.getOrDefault("topology", "real"));
    }

    private Topology topology() {
        return floor() ? FloorTopology.build(settings().storeType() == GraphSettings.StoreKind.IN_MEMORY,
                "join-floor".equals(args.get("topology")))
                : DecisionGraphTopology.build(settings());
    }

    private GraphSettings settings() {
        return GraphSettings.defaults()
                .withStoreType(GraphSettings.StoreKind.valueOf(args.getOrDefault("stores", "rocks_db").toUpperCase()));
    }

    /**
     * decision-graph's own Kafka Streams settings ({@link #serviceStreamsSettings}), then what a benchmark run needs of
     * its own, then the arguments: the topology runs as the service runs it, whatever the service is tuned to next.
     */
    private Properties streamsConfig(String applicationId, Path dir) throws IOException {
        Properties props = serviceStreamsSettings();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams").toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        if (args.containsKey("commitMs")) {
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, intArg("commitMs", 0));
        }
        if (args.containsKey("threads")) {
            props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, intArg("threads", 0));
        }
        args.forEach((key, value) -> {
            if (key.startsWith("streams.")) {
                props.put(key.substring("streams.".length()), value);
            }
        });
        return props;
    }

    /**
     * The {@code kafka-streams.*} settings of decision-graph's application.properties that have a value of their own:
     * not those that name another setting ({@code ${...}}: where the service keeps its state, its replication) and not
     * a profile's ({@code %test.}), which the benchmark sets itself.
     */
    private static Properties serviceStreamsSettings() throws IOException {
        Properties service = new Properties();
        try (InputStream in = GraphBenchmark.class.getResourceAsStream("/application.properties")) {
            service.load(Objects.requireNonNull(in, "decision-graph's application.properties on the class path"));
        }
        Properties settings = new Properties();
        service.stringPropertyNames().stream()
                .filter(key -> key.startsWith("kafka-streams.") && !service.getProperty(key).contains("${"))
                .forEach(key -> settings.put(key.substring("kafka-streams.".length()), service.getProperty(key)));
        return settings;
    }

    private int intArg(String name, int fallback) {
        return Integer.parseInt(args.getOrDefault(name, String.valueOf(fallback)));
    }
}

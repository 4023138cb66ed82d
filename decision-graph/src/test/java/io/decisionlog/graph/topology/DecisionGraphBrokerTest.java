package io.decisionlog.graph.topology;

import io.decisionlog.deploy.local.RuntimeTest;
import io.decisionlog.deploy.local.ScratchDirs;
import io.decisionlog.deploy.local.SharedTestRuntime;
import io.decisionlog.deploy.local.Wait;
import io.decisionlog.events.ChainDecision;
import io.decisionlog.events.CiDispatch;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Keys;
import io.decisionlog.events.TopicAdmin;
import io.decisionlog.events.Topics;
import io.decisionlog.graph.streams.DeadLetterQueueHandler;
import io.decisionlog.events.Via;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same topology on the real broker of the local runtime, exactly-once: records produced with the shared
 * serdes come out as a committed chain, an unreadable record lands in the dead-letter topic instead of stopping the
 * app, and what spans partitions (prefix counts, minutes) comes out as on one. Its own application id and repository keep it apart from anything else on the broker.
 */
@RuntimeTest
class DecisionGraphBrokerTest {
    static final java.util.logging.Logger KAFKA_LOG = GraphDriver.quiet("org.apache.kafka");

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String repo = "acme/broker-" + id;
    private final String feature = "f" + id.replace("-", "0") + "0".repeat(31);
    private final String dlq = "decisionlog.graph.dlq.test-" + id;
    private String bootstrap;
    private final Properties props = new Properties();
    private KafkaStreams streams;

    @BeforeEach
    void start() throws Exception {
        bootstrap = SharedTestRuntime.bootstrapServers();
        TopicAdmin.ensureTopics(bootstrap, Topics.ALL, (short) 1);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "decision-graph-it-" + id);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.STATE_DIR_CONFIG, ScratchDirs.create("decision-graph-it-").toString());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterQueueHandler.class.getName());
        props.put(DeadLetterQueueHandler.TOPIC_CONFIG, dlq);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // a closed instance stays in its group until its session times out, which an instance restarted in its place
        // waits for: the broker's least, not 45 s
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);
        streams = started();
    }

    private KafkaStreams started() {
        KafkaStreams started = new KafkaStreams(DecisionGraphTopology.build(GraphSettings.defaults()), props);
        started.start();
        return started;
    }

    @AfterEach
    void stop() {
        close();
        streams.cleanUp();
    }

    private void close() {
        assertThat(streams.close(Duration.ofSeconds(60))).as("Kafka Streams closed within 60 s").isTrue();
    }

    @Test
    void shouldCommitTheChainOfProducedRecordsAndDeadLetterAnUnreadableOne() {
        GitCommit commit = Fixtures.inRepo(Fixtures.commit(feature, List.of("D-2025-101"), List.of()), repo);
        CiRun run = inRepo(Fixtures.dispatchedRun("9001", feature, 30));
        CiDispatch dispatch = inRepo(Fixtures.dispatch("d-" + id, 0, "D-2025-102"));
        send(List.of(
                new ProducerRecord<>(Topics.CI_RUNS.name(), "github:" + repo + ":poison:1",
                        "{this is no run".getBytes(StandardCharsets.UTF_8)),
                new ProducerRecord<>(Topics.COMMITS.name(), commit.key(),
                        Topics.COMMITS.valueSerde().serialize(Topics.COMMITS.name(), commit)),
                new ProducerRecord<>(Topics.CI_RUNS.name(), run.key(),
                        Topics.CI_RUNS.valueSerde().serialize(Topics.CI_RUNS.name(), run)),
                new ProducerRecord<>(Topics.CI_DISPATCHES.name(), dispatch.key(),
                        Topics.CI_DISPATCHES.valueSerde().serialize(Topics.CI_DISPATCHES.name(), dispatch)),
                new ProducerRecord<>(Topics.MINUTES.name(), "D-2025-101", Topics.MINUTES.valueSerde()
                        .serialize(Topics.MINUTES.name(), Fixtures.minutes("D-2025-101", "Broker test")))));

        Map<String, DecisionChain> chains = new HashMap<>();
        try (KafkaConsumer<String, DecisionChain> consumer = consumer(Topics.CHAINS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.CHAINS.name()));
            Wait.until("the chain of " + commit.key(), Duration.ofSeconds(120), () -> {
                for (ConsumerRecord<String, DecisionChain> record : consumer.poll(Duration.ofMillis(200))) {
                    chains.put(record.key(), record.value());
                }
                DecisionChain chain = chains.get(commit.key());
                return chain != null && chain.decisions().size() == 2 && chain.decisions().get(0).minutes() != null;
            });
        }

        DecisionChain chain = chains.get(commit.key());
        assertThat(chain.ciRuns()).containsExactly(run.inChain(List.of("D-2025-102"), dispatch.reason(),
                dispatch.sender(), dispatch.inputs()));
        assertThat(chain.ciRuns().get(0).reason()).isEqualTo("because"); // the dispatch's, which the run lacks
        assertThat(chain.decisions()).containsExactly(
                new ChainDecision("D-2025-101", List.of(Via.TRAILER), Fixtures.minutes("D-2025-101", "Broker test")),
                new ChainDecision("D-2025-102", List.of(Via.CI_DISPATCH), null));
        assertThat(chain.missing()).containsExactly("decision D-2025-102 has no minutes");
        // still processing after the unreadable record; a rebalance in flight is still running, an error is not
        assertThat(streams.state().isRunningOrRebalancing()).as("state %s", streams.state()).isTrue();

        try (KafkaConsumer<String, byte[]> consumer = consumer(new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(dlq));
            List<String> deadLetters = new java.util.ArrayList<>();
            Wait.until("the unreadable run in " + dlq, Duration.ofSeconds(60), () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> deadLetters.add(record.key()));
                return !deadLetters.isEmpty();
            });
            assertThat(deadLetters).containsExactly("github:" + repo + ":poison:1");
        }
    }

    /**
     * What one partition cannot know alone: a short sha whose commits live on two partitions is ambiguous, and a
     * decision's minutes reach a chain on whichever partition it lives.
     */
    @Test
    void shouldCountPrefixMatchesAcrossPartitionsAndBringMinutesToEveryPartition() {
        String prefix = "c" + id.replace("-", "0").substring(0, 6);
        String first = prefix + "a" + "0".repeat(32);
        String second = prefix + "b" + "0".repeat(32);
        for (int n = 0; partition(Keys.commit(repo, first)) == partition(Keys.commit(repo, second)); n++) {
            second = prefix + "b" + String.format("%032x", n);
        }
        GitCommit one = Fixtures.inRepo(Fixtures.commit(first, List.of("D-2025-201"), List.of()), repo);
        GitCommit two = Fixtures.inRepo(Fixtures.commit(second), repo);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (GitCommit commit : List.of(one, two)) {
            records.add(new ProducerRecord<>(Topics.COMMITS.name(), commit.key(),
                    Topics.COMMITS.valueSerde().serialize(Topics.COMMITS.name(), commit)));
        }
        for (var minutes : List.of(Fixtures.minutes("D-2025-201", "Trailer-linked"),
                Fixtures.minutes("D-2025-202", "Ambiguous", repo + "@" + prefix))) {
            records.add(new ProducerRecord<>(Topics.MINUTES.name(), minutes.decisionId(),
                    Topics.MINUTES.valueSerde().serialize(Topics.MINUTES.name(), minutes)));
        }
        send(records);

        String ambiguous = "prefix " + repo + "@" + prefix + " in the minutes of D-2025-202 matches 2 commits";
        Map<String, DecisionChain> chains = new HashMap<>();
        try (KafkaConsumer<String, DecisionChain> consumer = consumer(Topics.CHAINS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.CHAINS.name()));
            Wait.until("both chains to report the ambiguous prefix", Duration.ofSeconds(120), () -> {
                for (ConsumerRecord<String, DecisionChain> record : consumer.poll(Duration.ofMillis(200))) {
                    chains.put(record.key(), record.value());
                }
                return List.of(one, two).stream().map(commit -> chains.get(commit.key()))
                        .allMatch(chain -> chain != null && chain.missing().contains(ambiguous))
                        && chains.get(one.key()).decisions().get(0).minutes() != null;
            });
        }

        assertThat(chains.get(one.key()).decisions()).containsExactly(new ChainDecision("D-2025-201",
                List.of(Via.TRAILER), Fixtures.minutes("D-2025-201", "Trailer-linked")));
        assertThat(chains.get(two.key()).decisions()).isEmpty();
    }

    /**
     * Runs as the ci-audit-ingester places them (on their commit's partition) and runs found elsewhere reach the same
     * chain, a placed dispatched run gets its dispatch link back on its commit's partition, and tombstones, which name
     * no commit and so go by key, delete either.
     */
    @Test
    void shouldJoinRunsOnTheirCommitsPartitionAndElsewhereAndDeleteEither() {
        GitCommit commit = Fixtures.inRepo(Fixtures.commit(feature), repo);
        CiRun placed = inRepo(Fixtures.dispatchedRun("9101", feature, 30));
        CiRun elsewhere = inRepo(Fixtures.run("9102", feature, "Deploy D-2025-302", List.of()));
        CiDispatch dispatch = inRepo(Fixtures.dispatch("d-" + id, 0, "D-2025-301"));
        int commitsPartition = partition(commit.key());
        assertThat(Topics.CI_RUNS.record(placed.key(), placed).partition()).isEqualTo(commitsPartition);
        send(List.of(Topics.COMMITS.record(commit.key(), commit),
                Topics.CI_DISPATCHES.record(dispatch.key(), dispatch),
                Topics.CI_RUNS.record(placed.key(), placed),
                new ProducerRecord<>(Topics.CI_RUNS.name(), (commitsPartition + 1) % Topics.PARTITIONS,
                        elsewhere.key(), Topics.CI_RUNS.valueSerde().serialize(Topics.CI_RUNS.name(), elsewhere))));

        try (KafkaConsumer<String, DecisionChain> consumer = consumer(Topics.CHAINS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.CHAINS.name()));
            DecisionChain chain = awaitChain(consumer, commit.key(), "both runs, the placed one with its dispatch",
                    c -> c.ciRuns().size() == 2 && c.decisions().size() == 2);
            assertThat(chain.ciRuns()).extracting(CiRun::runId).containsExactlyInAnyOrder("9101", "9102");
            assertThat(chain.decisions()).extracting(ChainDecision::decisionId)
                    .containsExactlyInAnyOrder("D-2025-301", "D-2025-302");
            assertThat(chain.ciRuns()).filteredOn(run -> run.runId().equals("9101"))
                    .extracting(CiRun::reason).containsExactly(dispatch.reason());

            send(List.of(Topics.CI_RUNS.record(placed.key(), null), Topics.CI_RUNS.record(elsewhere.key(), null)));
            DecisionChain deleted = awaitChain(consumer, commit.key(), "no runs left", c -> c.ciRuns().isEmpty());
            assertThat(deleted.decisions()).isEmpty();
        }
    }

    /**
     * The short shas of minutes are indexed in memory, not changelogged: an app that restarts rebuilds the index from
     * its copy of the minutes, so a commit that arrives after the restart still gets the link its short sha promised.
     */
    @Test
    void shouldLinkAShortShaWhoseCommitArrivesAfterARestart() {
        String late = "e" + id + "0".repeat(31);
        String sentinel = "d" + id + "0".repeat(31);
        for (int n = 0; partition(Keys.commit(repo, sentinel)) != partition(Keys.commit(repo, late)); n++) {
            sentinel = "d" + id + String.format("%031x", n);
        }
        GitCommit named = Fixtures.inRepo(Fixtures.commit(sentinel, List.of("D-2025-401"), List.of()), repo);
        GitCommit listed = Fixtures.inRepo(Fixtures.commit(late), repo);
        DecisionMinutes minutes = Fixtures.minutes("D-2025-401", "Listed before its commit",
                repo + "@" + late.substring(0, 10));
        try (KafkaConsumer<String, DecisionChain> consumer = consumer(Topics.CHAINS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.CHAINS.name()));
            send(List.of(Topics.COMMITS.record(named.key(), named),
                    Topics.MINUTES.record(minutes.decisionId(), minutes)));
            // the chain on the late commit's partition shows the minutes: that partition has its copy
            awaitChain(consumer, named.key(), "the minutes", c -> c.decisions().get(0).minutes() != null);

            close();
            streams = started();
            send(List.of(Topics.COMMITS.record(listed.key(), listed)));

            DecisionChain chain = awaitChain(consumer, listed.key(), "the decision its minutes list",
                    c -> !c.decisions().isEmpty());
            assertThat(chain.decisions()).containsExactly(new ChainDecision("D-2025-401", List.of(Via.MINUTES),
                    minutes));
        }
    }

    /** Sends the records in order, and returns once the broker has them all. */
    private void send(List<ProducerRecord<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                Topics.COMMITS.keySerde().serializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record);
            }
            producer.flush();
        }
    }

    /** The newest committed chain of {@code commitKey} once it satisfies {@code done}. */
    private static DecisionChain awaitChain(KafkaConsumer<String, DecisionChain> consumer, String commitKey,
                                            String what, java.util.function.Predicate<DecisionChain> done) {
        DecisionChain[] newest = new DecisionChain[1];
        Wait.until("the chain of " + commitKey + " with " + what, Duration.ofSeconds(120), () -> {
            for (ConsumerRecord<String, DecisionChain> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.key().equals(commitKey)) {
                    newest[0] = record.value();
                }
            }
            return newest[0] != null && done.test(newest[0]);
        });
        return newest[0];
    }

    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % Topics.PARTITIONS;
    }

    private <V> KafkaConsumer<String, V> consumer(org.apache.kafka.common.serialization.Deserializer<V> values) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "decision-graph-it-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), values);
    }

    private CiRun inRepo(CiRun run) {
        return new CiRun(run.provider(), repo, run.runId(), run.attempt(), run.workflow(), run.workflowPath(),
                run.event(), run.headSha(), run.headBranch(), run.actor(), run.status(), run.conclusion(),
                run.startedAt(), run.updatedAt(), run.completedAt(), run.url(), run.title(), run.decisionIds(),
                run.reason(), run.deliveryId(), run.receivedAt());
    }

    private CiDispatch inRepo(CiDispatch dispatch) {
        return new CiDispatch(dispatch.provider(), repo, dispatch.workflowPath(), dispatch.ref(), dispatch.sender(),
                dispatch.inputs(), dispatch.decisionIds(), dispatch.reason(), dispatch.deliveryId(), dispatch.receivedAt());
    }
}

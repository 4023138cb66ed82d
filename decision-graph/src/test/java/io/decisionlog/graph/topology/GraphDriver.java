package io.decisionlog.graph.topology;

import io.decisionlog.deploy.local.ScratchDirs;
import io.decisionlog.events.CiDispatch;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.MinutesFileState;
import io.decisionlog.events.Topic;
import io.decisionlog.events.Topics;
import io.decisionlog.graph.streams.DeadLetterQueueHandler;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/** The topology in a TopologyTestDriver, with one method per input and the chains topic read as a table. */
final class GraphDriver implements AutoCloseable {
    /** Held so the level sticks: Streams logs every store it opens, hundreds of lines per driver. */
    static final java.util.logging.Logger KAFKA_LOG = quiet("org.apache.kafka");

    static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, GitCommit> commits;
    private final TestInputTopic<String, CiRun> runs;
    private final TestInputTopic<String, CiDispatch> dispatches;
    private final TestInputTopic<String, DecisionMinutes> minutes;
    private final TestInputTopic<String, MinutesFileState> minutesFiles;
    private final TestOutputTopic<String, DecisionChain> chains;
    private final Map<String, DecisionChain> table = new TreeMap<>();
    private int chainRecords;
    private Instant clock = Fixtures.T0;

    GraphDriver() {
        this(GraphSettings.defaults().withStoreType(GraphSettings.StoreKind.IN_MEMORY));
    }

    GraphDriver(GraphSettings settings) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "decision-graph-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterQueueHandler.class.getName());
        props.put(DeadLetterQueueHandler.TOPIC_CONFIG, "");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir());
        driver = new TopologyTestDriver(DecisionGraphTopology.build(settings), props);
        commits = input(Topics.COMMITS);
        runs = input(Topics.CI_RUNS);
        dispatches = input(Topics.CI_DISPATCHES);
        minutes = input(Topics.MINUTES);
        minutesFiles = input(Topics.MINUTES_FILES);
        chains = driver.createOutputTopic(Topics.CHAINS.name(), Topics.CHAINS.keySerde().deserializer(),
                Topics.CHAINS.valueSerde());
    }

    private <V> TestInputTopic<String, V> input(Topic<V> topic) {
        return driver.createInputTopic(topic.name(), new StringSerializer(), topic.valueSerde());
    }

    GraphDriver commit(GitCommit commit) {
        commits.pipeInput(commit.key(), commit, tick());
        return this;
    }

    GraphDriver deleteCommit(String commitKey) {
        commits.pipeInput(commitKey, null, tick());
        return this;
    }

    GraphDriver run(CiRun run) {
        runs.pipeInput(run.key(), run, tick());
        return this;
    }

    GraphDriver deleteRun(String runKey) {
        runs.pipeInput(runKey, null, tick());
        return this;
    }

    GraphDriver dispatch(CiDispatch dispatch) {
        dispatches.pipeInput(dispatch.key(), dispatch, tick());
        return this;
    }

    GraphDriver deleteDispatch(String dispatchKey) {
        dispatches.pipeInput(dispatchKey, null, tick());
        return this;
    }

    GraphDriver minutes(DecisionMinutes decision) {
        minutes.pipeInput(decision.decisionId(), decision, tick());
        return this;
    }

    /** What the minutes-ingester last did with a minutes file, keyed by source and path as it keys it. */
    GraphDriver minutesFile(MinutesFileState file) {
        minutesFiles.pipeInput(file.key(), file, tick());
        return this;
    }

    GraphDriver deleteMinutes(String decisionId) {
        minutes.pipeInput(decisionId, null, tick());
        return this;
    }

    /** Bytes that are no JSON of the topic's type, as a broken producer would write them. */
    GraphDriver raw(String topic, String key, String value) {
        driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer())
                .pipeInput(key, value.getBytes(java.nio.charset.StandardCharsets.UTF_8), tick());
        return this;
    }

    /** The chains topic read as a table: latest record per key, tombstones remove. */
    Map<String, DecisionChain> chains() {
        for (TestRecord<String, DecisionChain> record : chains.readRecordsToList()) {
            chainRecords++;
            if (record.value() == null) {
                table.remove(record.key());
            } else {
                table.put(record.key(), record.value());
            }
        }
        return Map.copyOf(table);
    }

    DecisionChain chain(String commitKey) {
        return chains().get(commitKey);
    }

    /** How many records (values and tombstones) the chains topic received so far. */
    int chainRecords() {
        chains();
        return chainRecords;
    }

    /** Every topic the topology wrote to so far, its stores' changelogs among them. */
    Set<String> producedTopics() {
        return driver.producedTopicNames();
    }

    private static String stateDir() {
        return ScratchDirs.create("decision-graph-ttd-").toString();
    }

    private Instant tick() {
        clock = clock.plus(Duration.ofMillis(1));
        return clock;
    }

    @Override
    public void close() {
        driver.close();
    }
}

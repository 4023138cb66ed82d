package io.decisionlog.minutes.publish;

import io.decisionlog.events.MinutesFileState;
import io.decisionlog.events.MinutesSourceState;
import io.decisionlog.events.Topics;
import io.decisionlog.events.kafka.LatestByKey;
import io.decisionlog.events.kafka.RecordHandler;
import io.decisionlog.events.kafka.TopicFollower;
import org.apache.kafka.clients.consumer.Consumer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Reads the minutes-ingester's state topics to their end offsets at the time of the call: the registered sources and,
 * per source, what was published from each file.
 */
public final class StateLoader {
    private static final Logger LOG = Logger.getLogger(StateLoader.class);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Duration timeout;

    public StateLoader(Supplier<Consumer<String, byte[]>> consumers, Duration timeout) {
        this.consumers = consumers;
        this.timeout = timeout;
    }

    public record Snapshot(Map<String, MinutesSourceState> sources, Map<String, List<MinutesFileState>> filesBySource) {
    }

    /** @throws IllegalStateException when the topics do not exist yet or cannot be read to their end in time */
    public Snapshot load() {
        long started = System.nanoTime();
        LatestByKey<MinutesSourceState> sources = new LatestByKey<>(Topics.MINUTES_SOURCES);
        LatestByKey<MinutesFileState> files = new LatestByKey<>(Topics.MINUTES_FILES);
        try (TopicFollower follower = TopicFollower.fromBeginning(consumers.get(),
                List.of(Topics.MINUTES_SOURCES.name(), Topics.MINUTES_FILES.name()))) {
            follower.readToEnd(timeout, RecordHandler.byTopic(Map.of(
                    Topics.MINUTES_SOURCES.name(), sources, Topics.MINUTES_FILES.name(), files)));
        }
        Map<String, List<MinutesFileState>> bySource = new HashMap<>();
        files.values().values().forEach(file -> bySource.computeIfAbsent(file.source(), k -> new ArrayList<>()).add(file));
        LOG.infof("minutes state read in %d ms: %d sources, %d files", (System.nanoTime() - started) / 1_000_000,
                sources.values().size(), files.values().size());
        return new Snapshot(new TreeMap<>(sources.values()), bySource);
    }
}

package io.decisionlog.graph.topology;

import io.decisionlog.events.Topics;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The topology's shape: what it reads and writes, and names that stay put when the topology changes. */
class TopologyShapeTest {
    private final TopologyDescription description =
            DecisionGraphTopology.build(GraphSettings.defaults()).describe();

    @Test
    void shouldNameEveryNodeSoStoresAndInternalTopicsSurviveTopologyChanges() {
        // generated names (KSTREAM-AGGREGATE-0000000012) shift when a node is added and orphan the old state
        assertThat(description.toString()).doesNotContainPattern("(KSTREAM|KTABLE)-[A-Z-]+-\\d+");
    }

    @Test
    void shouldReadTheFiveInputTopicsAndTheTrailsAndWriteOnlyTheChainsAndTheLog() {
        Set<String> sources = new TreeSet<>();
        Set<String> sinks = new TreeSet<>();
        description.subtopologies().forEach(subtopology -> subtopology.nodes().forEach(node -> {
            if (node instanceof TopologyDescription.Source source) {
                sources.addAll(source.topicSet());
            } else if (node instanceof TopologyDescription.Sink sink) {
                sinks.add(sink.topic());
            }
        }));

        assertThat(sources.stream().filter(topic -> topic.startsWith("decisionlog.")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Topics.COMMITS.name(), Topics.CI_RUNS.name(), Topics.CI_DISPATCHES.name(),
                        Topics.MINUTES.name(), Topics.MINUTES_FILES.name(), Topics.SIGNOFFS.name(), Topics.AUDIT.name());
        assertThat(sinks.stream().filter(topic -> topic.startsWith("decisionlog.")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Topics.CHAINS.name(), Topics.LOG.name());
    }

    @Test
    void shouldSplitIntoSubtopologiesByCommitCorrelationGroupMinutesEntryAndDecision() {
        // a sub-topology is what runs in one task: named here by the topics it reads and writes, which stay put
        // whatever its processors are called
        assertThat(shapes()).as("%s", description).containsExactlyInAnyOrder(
                // by commit key, in the task that reads the commits topic as it is and the runs on their commit's
                // partition (others come back through runs-to-their-commits): the chain is built here
                new Shape(Set.of(Topics.COMMITS.name(), Topics.CI_RUNS.name(), Topics.CI_DISPATCHES.name(),
                        "runs-to-their-commits-repartition", "dispatch-links-by-run-repartition",
                        "merge-runs-by-commit-repartition", "minutes-everywhere-repartition",
                        "rejections-everywhere-repartition", "minutes-links-by-commit-repartition"),
                        Set.of(Topics.CHAINS.name(), "runs-to-their-commits-repartition",
                                "correlation-by-group-repartition", "merge-runs-by-commit-repartition",
                                "prefix-matches-by-entry-repartition")),
                // by correlation group: dispatches and the dispatched runs that may match them
                new Shape(Set.of("correlation-by-group-repartition"), Set.of("dispatch-links-by-run-repartition")),
                // by minutes entry: what every partition's commits matched of a short sha
                new Shape(Set.of("prefix-matches-by-entry-repartition"), Set.of("minutes-links-by-commit-repartition")),
                // by decision: each decision's minutes, copied to every partition
                new Shape(Set.of(Topics.MINUTES.name()), Set.of("minutes-everywhere-repartition")),
                // by minutes file: why a rejected file's decisions have no minutes, to every partition by decision
                new Shape(Set.of(Topics.MINUTES_FILES.name()), Set.of("rejections-everywhere-repartition")),
                // the transparency log: sign-offs and audit events in one order, one task (both have one partition)
                new Shape(Set.of(Topics.SIGNOFFS.name(), Topics.AUDIT.name()), Set.of(Topics.LOG.name())));
    }

    /** What one sub-topology reads (source topics) and writes (sink topics). */
    record Shape(Set<String> reads, Set<String> writes) {
    }

    private List<Shape> shapes() {
        List<Shape> shapes = new ArrayList<>();
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            Set<String> reads = new TreeSet<>();
            Set<String> writes = new TreeSet<>();
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    reads.addAll(source.topicSet());
                } else if (node instanceof TopologyDescription.Sink sink) {
                    writes.add(sink.topic());
                }
            }
            shapes.add(new Shape(reads, writes));
        }
        return shapes;
    }

    @Test
    void shouldRepartitionOnlyWhereTheKeyChanges() {
        // each of these is a hop (a transaction commit of latency) and a record per change on the broker
        Set<String> repartitions = new TreeSet<>();
        description.subtopologies().forEach(subtopology -> subtopology.nodes().forEach(node -> {
            if (node instanceof TopologyDescription.Sink sink && sink.topic().endsWith("-repartition")) {
                repartitions.add(sink.topic());
            }
        }));

        assertThat(repartitions).containsExactlyInAnyOrder("correlation-by-group-repartition",
                "dispatch-links-by-run-repartition", "runs-to-their-commits-repartition",
                "merge-runs-by-commit-repartition",
                "minutes-everywhere-repartition", "prefix-matches-by-entry-repartition",
                "minutes-links-by-commit-repartition", "rejections-everywhere-repartition");
    }

    @Test
    void shouldKeepTwentyOneInternalTopicsThirteenChangelogsAndEightRepartitions() {
        // every store but the prefix index is changelogged (StoreFactory); each internal topic is a record per change
        // on the broker
        Set<String> stores = new TreeSet<>();
        Set<String> repartitions = new TreeSet<>();
        description.subtopologies().forEach(subtopology -> subtopology.nodes().forEach(node -> {
            if (node instanceof TopologyDescription.Processor processor) {
                stores.addAll(processor.stores());
            } else if (node instanceof TopologyDescription.Sink sink && sink.topic().endsWith("-repartition")) {
                repartitions.add(sink.topic());
            }
        }));

        assertThat(stores).containsExactlyInAnyOrder("runs", "dispatch-links", "dispatch-groups",
                "dispatch-correlation-dispatches", "dispatch-correlation-runs", "dispatch-correlation-links",
                "commit-facts", "decision-minutes", "prefix-requests", "prefix-matches", "linked-facts",
                "chains-by-decision", "decision-minutes-rejections", "rejected-minutes-files");
        assertThat(stores.size() - 1 + repartitions.size()).as("internal topics, the index has none").isEqualTo(21);
    }
}

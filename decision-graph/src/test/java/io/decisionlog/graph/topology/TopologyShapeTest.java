package io.decisionlog.graph.topology;

import io.decisionlog.events.Topics;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

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
    void shouldReadTheFourInputTopicsAndWriteOnlyTheChains() {
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
                        Topics.MINUTES.name());
        assertThat(sinks.stream().filter(topic -> topic.startsWith("decisionlog.")).collect(Collectors.toSet()))
                .containsExactly(Topics.CHAINS.name());
    }

    @Test
    void shouldSplitIntoSubtopologiesByRunCorrelationGroupCommitMinutesEntryAndDecision() {
        assertThat(description.subtopologies()).hasSize(5);
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
                "dispatch-links-by-run-repartition", "runs-by-commit-repartition", "merge-runs-by-commit-repartition",
                "minutes-everywhere-repartition", "prefix-matches-by-entry-repartition",
                "minutes-links-by-commit-repartition");
    }

    @Test
    void shouldKeepNineteenInternalTopicsTwelveChangelogsAndSevenRepartitions() {
        // every store is changelogged (StoreFactory); each internal topic is a record per change on the broker
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
                "chains-by-decision");
        assertThat(stores.size() + repartitions.size()).isEqualTo(19);
    }
}

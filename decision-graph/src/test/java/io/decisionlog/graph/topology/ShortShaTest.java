package io.decisionlog.graph.topology;

import io.decisionlog.events.ChainDecision;
import io.decisionlog.events.Via;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.decisionlog.graph.topology.Fixtures.FEATURE;
import static io.decisionlog.graph.topology.Fixtures.FEATURE_TWIN;
import static io.decisionlog.graph.topology.Fixtures.commit;
import static io.decisionlog.graph.topology.Fixtures.key;
import static io.decisionlog.graph.topology.Fixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;

/** Short shas of minutes: expanded when unique, reported when ambiguous, whatever arrives first. */
class ShortShaTest {
    private final GraphDriver graph = new GraphDriver();

    @AfterEach
    void close() {
        graph.close();
    }

    @Test
    void shouldExpandAShortShaWhoseCommitArrivesAfterTheMinutes() {
        graph.minutes(minutes("D-2025-005", "Early minutes", "a9f3c1e"));

        graph.commit(commit(FEATURE));

        assertThat(graph.chain(key(FEATURE)).decisions()).extracting(ChainDecision::decisionId, ChainDecision::via)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("D-2025-005", List.of(Via.MINUTES)));
    }

    @Test
    void shouldKeepTheIndexOfShortShasOffTheBroker() {
        graph.minutes(minutes("D-2025-005", "Early minutes", "a9f3c1e")).commit(commit(FEATURE));

        assertThat(graph.producedTopics()).contains("decision-graph-test-decision-minutes-changelog",
                "decision-graph-test-prefix-matches-changelog");
        assertThat(graph.producedTopics()).noneMatch(topic -> topic.contains("prefix-requests"));
    }

    @Test
    void shouldExpandAFullShaAndIgnoreEntriesThatAreNoSha() {
        graph.commit(commit(FEATURE)).minutes(minutes("D-2025-005", "Full", FEATURE, "a9f3", "not-a-sha"));

        assertThat(graph.chain(key(FEATURE)).decisions()).extracting(ChainDecision::decisionId)
                .containsExactly("D-2025-005");
    }

    @Test
    void shouldReportAnAmbiguousPrefixInEveryMatchingChainAndLinkNothing() {
        graph.commit(commit(FEATURE)).commit(commit(FEATURE_TWIN))
                .minutes(minutes("D-2025-005", "Ambiguous", "a9f3c1e"));

        for (String sha : List.of(FEATURE, FEATURE_TWIN)) {
            assertThat(graph.chain(key(sha)).decisions()).isEmpty();
            assertThat(graph.chain(key(sha)).missing())
                    .contains("prefix a9f3c1e in the minutes of D-2025-005 matches 2 commits");
        }
    }

    @Test
    void shouldLinkOnceAnAmbiguousPrefixBecomesUnique() {
        graph.commit(commit(FEATURE)).commit(commit(FEATURE_TWIN))
                .minutes(minutes("D-2025-005", "Ambiguous", "a9f3c1e"));

        graph.deleteCommit(key(FEATURE_TWIN));

        assertThat(graph.chain(key(FEATURE)).decisions()).extracting(ChainDecision::decisionId)
                .containsExactly("D-2025-005");
        assertThat(graph.chain(key(FEATURE)).missing()).noneMatch(line -> line.startsWith("prefix"));
    }

    @Test
    void shouldTurnAUniquePrefixAmbiguousWhenASecondCommitMatches() {
        graph.commit(commit(FEATURE)).minutes(minutes("D-2025-005", "Unique for now", "a9f3c1e"));

        graph.commit(commit(FEATURE_TWIN));

        assertThat(graph.chain(key(FEATURE)).decisions()).isEmpty();
        assertThat(graph.chain(key(FEATURE_TWIN)).missing())
                .contains("prefix a9f3c1e in the minutes of D-2025-005 matches 2 commits");
    }

    @Test
    void shouldLinkALongerPrefixThatOnlyOneOfTwoSimilarCommitsMatches() {
        graph.commit(commit(FEATURE)).commit(commit(FEATURE_TWIN))
                .minutes(minutes("D-2025-005", "Precise", "A9F3C1E0B"));

        assertThat(graph.chain(key(FEATURE)).decisions()).extracting(ChainDecision::decisionId)
                .containsExactly("D-2025-005");
        assertThat(graph.chain(key(FEATURE_TWIN)).decisions()).isEmpty();
    }
}

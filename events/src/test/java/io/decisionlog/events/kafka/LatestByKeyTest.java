package io.decisionlog.events.kafka;

import io.decisionlog.events.Topics;
import io.decisionlog.events.TrackedRepo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.decisionlog.events.kafka.Mocks.record;
import static org.assertj.core.api.Assertions.assertThat;

class LatestByKeyTest {
    private static final String TOPIC = Topics.REPOS.name();

    private static String repo(String id, String branch) {
        return "{\"repo\":\"" + id + "\",\"url\":\"https://example.com/" + id + ".git\",\"branch\":\"" + branch + "\"}";
    }

    @Test
    void shouldKeepTheLatestValuePerKeyForgetTombstonedKeysAndPassOverUnreadableRecords() {
        var consumer = Mocks.topic(TOPIC, 1, List.of(
                record(TOPIC, 0, 0, "acme/a", repo("acme/a", "main")),
                record(TOPIC, 0, 1, "acme/b", repo("acme/b", "main")),
                record(TOPIC, 0, 2, "acme/a", repo("acme/a", "release")),
                record(TOPIC, 0, 3, "acme/b", null),
                record(TOPIC, 0, 4, "acme/c", "{not json"),
                record(TOPIC, 0, 5, null, repo("acme/d", "main"))));
        LatestByKey<TrackedRepo> table = new LatestByKey<>(Topics.REPOS);
        try (TopicFollower follower = TopicFollower.fromBeginning(consumer, List.of(TOPIC))) {
            follower.readToEnd(Duration.ofSeconds(5), table);
        }

        assertThat(table.values()).containsOnlyKeys("acme/a");
        assertThat(table.values().get("acme/a").branch()).isEqualTo("release");
        assertThat(table.unreadable()).isEqualTo(1);
    }

    @Test
    void shouldReadAWholeTopicInOneCall() {
        var consumer = Mocks.topic(TOPIC, 2, List.of(record(TOPIC, 1, 0, "acme/a", repo("acme/a", "main"))));

        assertThat(LatestByKey.read(consumer, Topics.REPOS, Duration.ofSeconds(5))).containsOnlyKeys("acme/a");
        assertThat(consumer.closed()).isTrue();
    }
}

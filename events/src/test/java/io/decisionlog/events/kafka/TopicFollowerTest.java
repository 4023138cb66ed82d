package io.decisionlog.events.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.decisionlog.events.kafka.Mocks.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicFollowerTest {

    @Test
    void shouldReadEveryPartitionToTheEndInOffsetOrderPerPartition() {
        List<ConsumerRecord<String, byte[]>> on = List.of(record("t", 0, 0, "a", "1"), record("t", 1, 0, "b", "2"),
                record("t", 0, 1, "a", "3"));
        List<String> read = new ArrayList<>();
        try (TopicFollower follower = TopicFollower.fromBeginning(Mocks.topic("t", 2, on), List.of("t"))) {
            assertThat(follower.caughtUp()).isFalse();

            follower.readToEnd(Duration.ofSeconds(5), r -> read.add(r.key() + "=" + new String(r.value())));

            assertThat(follower.caughtUp()).isTrue();
        }
        assertThat(read).containsExactlyInAnyOrder("a=1", "b=2", "a=3");
        assertThat(read.indexOf("a=1")).isLessThan(read.indexOf("a=3"));
    }

    @Test
    void shouldBeCaughtUpAtOnceOnAnEmptyTopic() {
        try (TopicFollower follower = TopicFollower.fromBeginning(Mocks.topic("t", 3, List.of()), List.of("t"))) {
            assertThat(follower.caughtUp()).isTrue();
        }
    }

    @Test
    void shouldNameATopicThatDoesNotExistYetAndCloseTheConsumer() {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");

        assertThatThrownBy(() -> TopicFollower.fromBeginning(consumer, List.of("missing")))
                .isInstanceOf(IllegalStateException.class).hasMessage("topic missing does not exist yet");
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void shouldGiveUpReadingToTheEndAfterTheLimitSayingWhichTopics() {
        MockConsumer<String, byte[]> consumer = Mocks.topic("t", 1, List.of());
        consumer.updateEndOffsets(java.util.Map.of(new org.apache.kafka.common.TopicPartition("t", 0), 5L));
        try (TopicFollower follower = TopicFollower.fromBeginning(consumer, List.of("t"))) {
            assertThatThrownBy(() -> follower.readToEnd(Duration.ZERO, r -> { }))
                    .isInstanceOf(IllegalStateException.class).hasMessage("could not read [t] to the end within 0 s");
        }
    }
}

package io.decisionlog.events;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTest {

    @Test
    void shouldCompactEveryStateTopicButTheLogs() {
        Set<String> notCompacted = Topics.ALL.stream().filter(t -> !t.compacted()).map(Topic::name)
                .collect(Collectors.toSet());
        assertThat(notCompacted).containsExactlyInAnyOrder("decisionlog.minutes.rejected.v1", "decisionlog.graph.dlq.v1",
                "decisionlog.audit.v1", "decisionlog.signoffs.v1", "decisionlog.log.v1");
    }

    @Test
    void shouldKeepSignoffsForeverInOneOrderAndReadBothKinds() {
        NewTopic signoffs = TopicAdmin.newTopic(Topics.SIGNOFFS, (short) 1);
        assertThat(signoffs.configs()).containsEntry("retention.ms", "-1");
        assertThat(signoffs.numPartitions()).isEqualTo(1);
        ValueSerde<SignoffEvent> serde = Topics.SIGNOFFS.valueSerde();
        SignoffEvent revoked = new SignoffEvent.Revoked("s1", "D-2024-087", "acme/payments", "signed the wrong one",
                "li.wei", Instant.parse("2024-04-11T09:00:00Z"));
        assertThat(new String(serde.serialize("t", revoked), StandardCharsets.UTF_8))
                .startsWith("{\"kind\":\"revocation\",\"signoff_id\":\"s1\"");
        assertThat(serde.deserialize("t", serde.serialize("t", revoked))).isEqualTo(revoked);
        assertThat(new String(serde.serialize("t", SampleEvents.signoff()), StandardCharsets.UTF_8))
                .contains("\"kind\":\"signoff\"", "\"key_fingerprint\":");
    }

    @Test
    void shouldKeepTheAuditTrailForeverInOneOrder() {
        NewTopic audit = TopicAdmin.newTopic(Topics.AUDIT, (short) 1);
        assertThat(audit.configs()).containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "-1")
                .containsEntry("retention.bytes", "-1");
        assertThat(audit.numPartitions()).isEqualTo(1);
        assertThat(TopicAdmin.newTopic(Topics.MINUTES_REJECTED, (short) 1).configs()).doesNotContainKey("retention.ms");
    }

    @Test
    void shouldKeepDeadLettersAsTheBytesTheyCameAs() {
        byte[] unreadable = {'{', 'x', (byte) 0xff};
        ValueSerde<byte[]> serde = Topics.GRAPH_DEAD_LETTERS.valueSerde();
        assertThat(serde.deserialize("t", serde.serialize("t", unreadable))).isSameAs(unreadable);
        assertThat(serde.serialize("t", null)).isNull();
        assertThat(Topics.GRAPH_DEAD_LETTERS.partitions()).isEqualTo(Topics.PARTITIONS);
    }

    @Test
    void shouldHaveUniqueVersionedNames() {
        assertThat(Topics.ALL).extracting(Topic::name).doesNotHaveDuplicates()
                .allMatch(name -> name.startsWith("decisionlog.") && name.endsWith(".v1"));
    }

    @Test
    void shouldRequireTwoInSyncReplicasOnlyOnAReplicatedCluster() {
        NewTopic local = TopicAdmin.newTopic(Topics.CI_RUNS, (short) 1);
        NewTopic cluster = TopicAdmin.newTopic(Topics.CI_RUNS, (short) 3);
        assertThat(local.configs()).containsEntry("cleanup.policy", "compact").doesNotContainKey("min.insync.replicas");
        assertThat(cluster.configs()).containsEntry("min.insync.replicas", "2");
        assertThat(cluster.numPartitions()).isEqualTo(Topics.PARTITIONS);
    }

    @Test
    void shouldAcceptOwnerNameAndSubgroupRepoIdsOnly() {
        assertThat(Keys.isRepo("acme/payments")).isTrue();
        assertThat(Keys.isRepo("gitlab-org/sub/gitlab-test")).isTrue();
        assertThat(Keys.isRepo("payments")).isFalse();
        assertThat(Keys.isRepo("acme/pay ments")).isFalse();
        assertThat(Keys.isRepo(null)).isFalse();
    }
}

package io.decisionlog.events.kafka;

import io.decisionlog.events.ClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.GroupState;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** For lease tests: a one-partition topic, members made as services make them, and what the coordinator says. */
public final class LeaseGroup {
    private LeaseGroup() {
    }

    public static void createTopic(String bootstrapServers, String topic) throws Exception {
        try (Admin admin = admin(bootstrapServers)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Members with the state reader's settings under the lease's group settings, like the services' members. */
    public static Function<Map<String, Object>, Consumer<String, byte[]>> members(String bootstrapServers,
                                                                                  String clientId) {
        return settings -> {
            Map<String, Object> config = new HashMap<>(ClientConfigs.stateReader(bootstrapServers, clientId));
            config.putAll(settings);
            return new KafkaConsumer<>(config);
        };
    }

    /** True when the group is stable (no rebalance under way) with exactly {@code members} members. */
    public static boolean stableWith(String bootstrapServers, String group, int members) {
        try (Admin admin = admin(bootstrapServers)) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                    .get(10, TimeUnit.SECONDS).get(group);
            return description.groupState() == GroupState.STABLE && description.members().size() == members;
        } catch (Exception e) {
            return false;
        }
    }

    private static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }
}

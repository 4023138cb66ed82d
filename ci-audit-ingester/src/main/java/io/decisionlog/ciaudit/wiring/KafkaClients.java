package io.decisionlog.ciaudit.wiring;

import io.decisionlog.events.ClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Map;

/** Client settings, in one place: why each one is what it is matters more than the values. */
final class KafkaClients {
    private KafkaClients() {
    }

    static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        // a 202 promises durability: every in-sync replica has it, and retries never duplicate it
        Map<String, Object> config = ClientConfigs.durableProducer(bootstrapServers, "ci-audit-ingester");
        // give up well within GitHub's 10 s, so the sender gets a 503 and retries rather than a timeout
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_500);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 6_000);
        // a little batching under load costs a millisecond and saves most of the requests
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(config);
    }

    static KafkaConsumer<String, byte[]> ledgerConsumer(String bootstrapServers) {
        Map<String, Object> config = ClientConfigs.stateReader(bootstrapServers, "ci-audit-ingester-ledger");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        return new KafkaConsumer<>(config);
    }
}

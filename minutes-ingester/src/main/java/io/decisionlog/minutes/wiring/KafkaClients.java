package io.decisionlog.minutes.wiring;

import io.decisionlog.events.ClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Map;

/** Client settings, in one place: why each one is what it is matters more than the values. */
public final class KafkaClients {
    private KafkaClients() {
    }

    public static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        // a sync's state moves on only once every record is on every in-sync replica, and retries never duplicate
        Map<String, Object> config = ClientConfigs.durableProducer(bootstrapServers, "minutes-ingester");
        // syncs are background work: ride out a broker restart rather than fail the sync at once
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        // an initial sync sends tens of thousands of small records: batch them
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(config);
    }

    public static KafkaConsumer<String, byte[]> stateConsumer(String bootstrapServers) {
        Map<String, Object> config = ClientConfigs.stateReader(bootstrapServers, "minutes-ingester-state");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        return new KafkaConsumer<>(config);
    }
}

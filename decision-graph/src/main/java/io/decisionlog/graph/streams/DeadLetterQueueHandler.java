package io.decisionlog.graph.streams;

import io.decisionlog.events.Topic;
import io.decisionlog.events.TopicAdmin;
import io.decisionlog.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A record that cannot be read must not stop the graph: it is copied, raw, to the dead-letter topic
 * ({@link Topics#GRAPH_DEAD_LETTERS} unless {@value #TOPIC_CONFIG} names another; headers say where it came from and
 * why it failed) and processing continues. Kafka 4.1 has no built-in dead-letter queue for Streams, hence this
 * handler, which Kafka Streams creates by its class name ({@code deserialization.exception.handler}). The copy is
 * sent outside the Streams transaction, so a task that fails over after it may send it twice. With
 * {@value #TOPIC_CONFIG} set blank it only logs. The topic is created, if missing, at the first bad record, with the
 * registry's partitions and cleanup policy (decision-graph also creates the registry's at start).
 */
public final class DeadLetterQueueHandler implements DeserializationExceptionHandler {
    public static final String TOPIC_CONFIG = "decisionlog.dlq.topic";
    public static final String DEFAULT_TOPIC = Topics.GRAPH_DEAD_LETTERS.name();
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterQueueHandler.class);

    private String topic = DEFAULT_TOPIC;
    private Map<String, ?> configs = Map.of();
    private Producer<byte[], byte[]> producer;

    public DeadLetterQueueHandler() {
    }

    DeadLetterQueueHandler(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        this.configs = configs;
        Object configured = configs.get(TOPIC_CONFIG);
        this.topic = configured == null ? DEFAULT_TOPIC : configured.toString().trim();
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        LOG.warn("skipping unreadable record {}-{}@{}{}: {}", context.topic(), context.partition(), context.offset(),
                topic.isEmpty() ? "" : " (copied to " + topic + ")", exception.getMessage());
        if (!topic.isEmpty()) {
            RecordHeaders headers = new RecordHeaders(record.headers().toArray());
            header(headers, "decisionlog.dlq.topic", context.topic());
            header(headers, "decisionlog.dlq.partition", String.valueOf(context.partition()));
            header(headers, "decisionlog.dlq.offset", String.valueOf(context.offset()));
            header(headers, "decisionlog.dlq.error", String.valueOf(exception.getMessage()));
            ProducerRecord<byte[], byte[]> copy =
                    new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
            producer().send(copy, (metadata, error) -> {
                if (error != null) {
                    LOG.error("could not copy unreadable record {}-{}@{} to {}", context.topic(), context.partition(),
                            context.offset(), topic, error);
                }
            });
        }
        return DeserializationHandlerResponse.CONTINUE;
    }

    private static void header(RecordHeaders headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            Object servers = configs.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
            ensureTopic(servers);
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                    ProducerConfig.CLIENT_ID_CONFIG, "decision-graph-dlq"),
                    new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private void ensureTopic(Object servers) {
        Object replication = configs.get(StreamsConfig.REPLICATION_FACTOR_CONFIG);
        short factor = replication == null ? -1 : Short.parseShort(replication.toString());
        Topic<byte[]> registered = Topics.GRAPH_DEAD_LETTERS;
        Topic<byte[]> deadLetters = new Topic<>(topic, registered.valueSerde(), registered.partitions(),
                registered.compacted(), registered.keptForever());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            TopicAdmin.ensureTopics(admin, List.of(deadLetters), factor);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("could not create dead-letter topic {}: {}", topic, e.getMessage());
        }
    }
}

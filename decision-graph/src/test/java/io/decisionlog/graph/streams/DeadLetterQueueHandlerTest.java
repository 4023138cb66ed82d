package io.decisionlog.graph.streams;

import io.decisionlog.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterQueueHandlerTest {
    private static final byte[] KEY = "github:acme/payments:9001:1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = "{broken".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldCopyTheRawRecordWithItsOriginToTheDeadLetterTopicAndContinue() {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        DeadLetterQueueHandler handler = new DeadLetterQueueHandler(producer, DeadLetterQueueHandler.DEFAULT_TOPIC);

        DeserializationHandlerResponse response = handler.handle(context(), record(),
                new SerializationException("not a valid CiRun"));

        assertThat(response).isEqualTo(DeserializationHandlerResponse.CONTINUE);
        assertThat(producer.history()).singleElement().satisfies(copy -> {
            assertThat(copy.topic()).isEqualTo(Topics.GRAPH_DEAD_LETTERS.name());
            assertThat(copy.key()).isEqualTo(KEY);
            assertThat(copy.value()).isEqualTo(VALUE);
            assertThat(header(copy, "decisionlog.dlq.topic")).isEqualTo("decisionlog.ci.runs.v1");
            assertThat(header(copy, "decisionlog.dlq.partition")).isEqualTo("3");
            assertThat(header(copy, "decisionlog.dlq.offset")).isEqualTo("42");
            assertThat(header(copy, "decisionlog.dlq.error")).isEqualTo("not a valid CiRun");
            assertThat(header(copy, "origin")).isEqualTo("kept");
        });
    }

    @Test
    void shouldOnlyLogAndContinueWhenTheTopicIsConfiguredBlank() {
        DeadLetterQueueHandler handler = new DeadLetterQueueHandler();
        handler.configure(Map.of(DeadLetterQueueHandler.TOPIC_CONFIG, " "));

        assertThat(handler.handle(context(), record(), new SerializationException("bad")))
                .isEqualTo(DeserializationHandlerResponse.CONTINUE);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<byte[], byte[]> record() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("decisionlog.ci.runs.v1", 3, 42, KEY, VALUE);
        record.headers().add("origin", "kept".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static ErrorHandlerContext context() {
        return new ErrorHandlerContext() {
            public String topic() {
                return "decisionlog.ci.runs.v1";
            }

            public int partition() {
                return 3;
            }

            public long offset() {
                return 42;
            }

            public Headers headers() {
                return new RecordHeaders();
            }

            public String processorNodeId() {
                return "ci-runs";
            }

            public TaskId taskId() {
                return new TaskId(0, 3);
            }

            public long timestamp() {
                return 0;
            }

            public byte[] sourceRawKey() {
                return KEY;
            }

            public byte[] sourceRawValue() {
                return VALUE;
            }
        };
    }
}

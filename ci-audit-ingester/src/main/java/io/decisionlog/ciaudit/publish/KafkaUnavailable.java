package io.decisionlog.ciaudit.publish;

/** Kafka did not acknowledge in time: answered 503 with Retry-After, so the sender retries (never a 4xx). */
public class KafkaUnavailable extends RuntimeException {
    public KafkaUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}

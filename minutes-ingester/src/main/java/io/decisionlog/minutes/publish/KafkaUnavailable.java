package io.decisionlog.minutes.publish;

/** Kafka did not acknowledge a sync's records in time: the sync changed no state and is retried later. */
public class KafkaUnavailable extends RuntimeException {
    public KafkaUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.decisionlog.events.errors;

/**
 * Kafka did not acknowledge in time, or refused a record for a passing reason. Answered 503 with Retry-After so the
 * sender retries — never a 4xx for a transient fault (GitLab disables hooks that keep answering 4xx).
 */
public class KafkaUnavailable extends RuntimeException {
    public KafkaUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}

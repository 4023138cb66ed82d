package io.decisionlog.ciaudit.publish;

/**
 * What became of a delivery, as the sender sees it: {@code published} (202: Kafka acknowledged the record),
 * {@code unchanged} (200: a redelivery or a stale status; nothing published) or {@code ignored} (200: not a run).
 */
public record Receipt(String status, String topic, String key, String detail) {

    public static Receipt published(String topic, String key) {
        return new Receipt("published", topic, key, null);
    }

    public static Receipt unchanged(String topic, String key, String detail) {
        return new Receipt("unchanged", topic, key, detail);
    }

    public static Receipt ignored(String detail) {
        return new Receipt("ignored", null, null, detail);
    }

    public boolean published() {
        return "published".equals(status);
    }
}

package io.decisionlog.kit.kafka;

import io.decisionlog.events.Topic;

import java.util.List;

/** The topics a service writes or keeps its state in: each service produces one, {@link TopicSetup} creates them. */
public record OwnTopics(List<Topic<?>> topics) {
    public OwnTopics {
        topics = List.copyOf(topics);
    }
}

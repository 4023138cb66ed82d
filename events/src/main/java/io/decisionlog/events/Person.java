package io.decisionlog.events;

/** A git identity: author or committer. */
@WireFormat
public record Person(String name, String email) {
}

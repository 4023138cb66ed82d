package io.decisionlog.graph.store;

import io.decisionlog.events.SignoffEvent;
import io.decisionlog.events.Topics;
import io.decisionlog.events.kafka.StateFollower;
import io.decisionlog.kit.kafka.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.jboss.logging.Logger;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every sign-off and what became of it, kept current from {@code decisionlog.signoffs.v1}. Sign-offs are people's
 * acts, a few per decision, so the book is held in memory and rebuilt from the topic at start; the topic, never
 * edited, is the record. Reading the topic again from its start gives the same book.
 */
@ApplicationScoped
public class SignoffBook {
    private static final Logger LOG = Logger.getLogger(SignoffBook.class);

    /** A sign-off as given, and its revocation once there is one. */
    public record Signoff(SignoffEvent.SignedOff given, SignoffEvent.Revoked revoked) {
        public boolean isRevoked() {
            return revoked != null;
        }
    }

    private final Map<String, Signoff> byId = new ConcurrentHashMap<>();
    private final Set<String> repos = ConcurrentHashMap.newKeySet();
    private final StateFollower follower;

    @Inject
    public SignoffBook(KafkaClients clients) {
        this.follower = new StateFollower("signoff-follower", () -> clients.stateReader("signoffs", Map.of()),
                List.of(Topics.SIGNOFFS.name()), this::apply, () -> { });
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        SignoffEvent event;
        try {
            event = Topics.SIGNOFFS.valueSerde().deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            LOG.warnf("skipping unreadable sign-off %s@%d: %s", record.key(), record.offset(), e.getMessage());
            return;
        }
        if (event instanceof SignoffEvent.SignedOff given) {
            repos.add(given.repo());
            byId.merge(given.signoffId(), new Signoff(given, null), (before, now) -> new Signoff(given, before.revoked()));
        } else if (event instanceof SignoffEvent.Revoked revoked) {
            byId.computeIfPresent(revoked.signoffId(), (id, before) -> new Signoff(before.given(), revoked));
        }
    }

    void start(@Observes StartupEvent event) {
        follower.start();
    }

    void stop(@Observes ShutdownEvent event) {
        follower.stop();
    }

    /** False until the topic was read to its end: before that a sign-off could look absent. */
    public boolean caughtUp() {
        return follower.caughtUp();
    }

    /** True when a sign-off was ever given in the repository: only then can its chains show one. */
    public boolean anyIn(String repo) {
        return repos.contains(repo);
    }

    public Optional<Signoff> byId(String signoffId) {
        return Optional.ofNullable(byId.get(signoffId));
    }

    /** The sign-offs of a decision in a repository, revoked ones too, oldest first. */
    public List<Signoff> of(String decisionId, String repo) {
        return byId.values().stream()
                .filter(signoff -> signoff.given().decisionId().equals(decisionId) && signoff.given().repo().equals(repo))
                .sorted(Comparator.comparing((Signoff signoff) -> signoff.given().at())
                        .thenComparing(signoff -> signoff.given().signoffId()))
                .toList();
    }
}

package io.decisionlog.kit.auth;

import io.decisionlog.events.ApiToken;
import io.decisionlog.events.Topics;
import io.decisionlog.events.kafka.LatestByKey;
import io.decisionlog.events.kafka.StateFollower;
import io.decisionlog.kit.kafka.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API tokens every service accepts, kept current from {@code decisionlog.tokens.v1}: a token minted or revoked on
 * decision-graph counts here as soon as this service has read the record. Why a compacted topic: the services share
 * no database, a token set is small, and every service already follows topics; it keeps no secret (hashes only).
 */
@ApplicationScoped
public class TokenSet {
    private final LatestByKey<ApiToken> tokens = new LatestByKey<>(Topics.TOKENS);
    private final Map<String, ApiToken> bySecretHash = new ConcurrentHashMap<>();
    private final StateFollower follower;

    @Inject
    public TokenSet(KafkaClients clients) {
        this.follower = new StateFollower("token-follower", () -> clients.stateReader("tokens", Map.of()),
                List.of(Topics.TOKENS.name()), this::apply, () -> { });
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        byId(record.key()).ifPresent(before -> bySecretHash.remove(before.secretSha256()));
        tokens.accept(record);
        byId(record.key()).ifPresent(after -> bySecretHash.put(after.secretSha256(), after));
    }

    void start(@Observes StartupEvent event) {
        follower.start();
    }

    void stop(@Observes ShutdownEvent event) {
        follower.stop();
    }

    /** False until the token topic is read to its end: before that a valid token could be refused. */
    public boolean caughtUp() {
        return follower.caughtUp();
    }

    public Optional<ApiToken> bySecretHash(String sha256) {
        return Optional.ofNullable(bySecretHash.get(sha256));
    }

    public Optional<ApiToken> byId(String id) {
        return Optional.ofNullable(tokens.values().get(id));
    }

    public Collection<ApiToken> all() {
        return tokens.values().values();
    }
}

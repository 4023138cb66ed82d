package io.decisionlog.kit.auth;

import io.decisionlog.events.ApiToken;
import io.decisionlog.events.TokenSecrets;
import io.decisionlog.events.Topics;
import io.decisionlog.events.kafka.AckedBatch;
import io.decisionlog.events.kafka.ReadYourWrite;
import io.decisionlog.kit.kafka.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Mints and revokes API tokens on {@code decisionlog.tokens.v1}. A new token's secret is returned once and never kept:
 * the record holds its SHA-256. Minting returns once this service's own {@link TokenSet} accepts the token, so a
 * client may use it at once here; the other services accept it as soon as they read the record (well within a second).
 */
@ApplicationScoped
public class TokenIssuer {
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(10);

    private final KafkaProducer<String, byte[]> producer;
    private final TokenSet tokens;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public TokenIssuer(KafkaClients clients, TokenSet tokens) {
        this.producer = clients.durableProducer("token-issuer", Map.of(ProducerConfig.LINGER_MS_CONFIG, 0));
        this.tokens = tokens;
    }

    void close(@Observes ShutdownEvent event) {
        producer.close(Duration.ofSeconds(5));
    }

    /** A minted token and its secret, which exists nowhere else. */
    public record Minted(ApiToken token, String secret) {
    }

    public Minted mint(String name, Role role, List<String> repos, Duration validFor, String createdBy) {
        String secret = TokenSecrets.newSecret();
        Instant now = clock.instant();
        ApiToken token = new ApiToken(TokenSecrets.newId(), name, role.wireName(), repos, TokenSecrets.sha256(secret),
                now, createdBy, now.plus(validFor));
        AckedBatch.publish(producer, ACK_TIMEOUT, Topics.TOKENS, token.id(), token);
        ReadYourWrite.await(VISIBLE_WITHIN, () -> tokens.byId(token.id()).isPresent());
        return new Minted(token, secret);
    }

    /** @return false when no token has that id */
    public boolean revoke(String id) {
        if (tokens.byId(id).isEmpty()) {
            return false;
        }
        AckedBatch.publish(producer, ACK_TIMEOUT, Topics.TOKENS, id, null);
        ReadYourWrite.await(VISIBLE_WITHIN, () -> tokens.byId(id).isEmpty());
        return true;
    }
}

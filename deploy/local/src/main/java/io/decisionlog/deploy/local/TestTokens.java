package io.decisionlog.deploy.local;

import io.decisionlog.events.ApiToken;
import io.decisionlog.events.ClientConfigs;
import io.decisionlog.events.TokenSecrets;
import io.decisionlog.events.Topics;
import io.decisionlog.events.kafka.AckedBatch;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * For tests: the admin token every test app accepts ({@code decisionlog.admin-token}, set by
 * {@link LocalRuntimeResource}), and tokens of other roles minted straight onto {@code decisionlog.tokens.v1} of the
 * shared runtime, as decision-graph's {@code POST /api/v1/tokens} would.
 */
public final class TestTokens {
    public static final String ADMIN = "dl_test-admin-token-of-the-test-runtime";

    private TestTokens() {
    }

    /** A token of the role, for the repositories (none: all), valid for an hour; returns its secret. */
    public static String mint(String role, List<String> repos) {
        return mint(role, repos, Instant.now().plus(Duration.ofHours(1))).secret();
    }

    /** A minted token and its secret. */
    public record Minted(String id, String secret) {
    }

    public static Minted mint(String role, List<String> repos, Instant expiresAt) {
        String secret = TokenSecrets.newSecret();
        ApiToken token = new ApiToken(TokenSecrets.newId(), "test " + role, role, repos, TokenSecrets.sha256(secret),
                Instant.now(), "test", expiresAt);
        publish(token.id(), token);
        return new Minted(token.id(), secret);
    }

    /**
     * Waits until the service under test has read the token's record: until {@code status} (a request made with the
     * token) is no longer 401. A service follows the tokens topic, so this takes one of its polls.
     */
    public static void awaitAccepted(IntSupplier status) {
        Wait.until("the token to be accepted", Duration.ofSeconds(30), () -> status.getAsInt() != 401);
    }

    /** Waits until the service has read a revocation or an expiry: until {@code status} is 401. */
    public static void awaitRefused(IntSupplier status) {
        Wait.until("the token to be refused", Duration.ofSeconds(30), () -> status.getAsInt() == 401);
    }

    /** Revokes a token as {@code DELETE /api/v1/tokens/{id}} does: a tombstone. */
    public static void revoke(String id) {
        publish(id, null);
    }

    private static void publish(String id, ApiToken token) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                ClientConfigs.durableProducer(SharedTestRuntime.bootstrapServers(), "test-tokens"))) {
            AckedBatch.publish(producer, Duration.ofSeconds(30), Topics.TOKENS, id, token);
        }
    }
}

package io.decisionlog.events;

import java.time.Instant;
import java.util.List;

/**
 * An API token minted by decision-graph ({@code decisionlog.tokens.v1}, keyed by id): who it is for, its role, the
 * repositories it may read (empty: all), when it expires. Only the SHA-256 of the secret is kept, so neither the topic
 * nor the store can give a token away; every service reads the topic and accepts the token within a second of its
 * minting. A revoked token is a tombstone.
 */
@WireFormat
public record ApiToken(String id, String name, String role, List<String> repos, String secretSha256,
                       Instant createdAt, String createdBy, Instant expiresAt) {

    public ApiToken {
        repos = Nulls.list(repos);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}

package io.decisionlog.ciaudit.auth;

import io.decisionlog.ciaudit.config.CiAuditConfig;
import io.decisionlog.events.errors.Unauthorized;
import io.decisionlog.events.webhook.UnsignedDeliveries;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A webhook without a secret accepts nothing, unless unsigned deliveries are allowed on purpose. */
class WebhookAuthTest {
    private static final byte[] BODY = "{}".getBytes();

    @Test
    void shouldRefuseEveryDeliveryToAnEndpointWithoutASecret() {
        WebhookAuth closed = new WebhookAuth(noSecrets(), new UnsignedDeliveries(false), Clock.systemUTC());

        assertThatThrownBy(() -> closed.gitHub(null, BODY)).isInstanceOf(Unauthorized.class)
                .hasMessageContaining("/webhooks/github has no secret configured (decisionlog.ci.github.secret)");
        assertThatThrownBy(() -> closed.gitLab("anything", null, null, null, BODY)).isInstanceOf(Unauthorized.class)
                .hasMessageContaining("decisionlog.ci.gitlab.token");
        assertThatThrownBy(() -> closed.jenkins("anything")).isInstanceOf(Unauthorized.class)
                .hasMessageContaining("DECISIONLOG_WEBHOOKS_ALLOW_UNSIGNED");
        assertThat(closed.describe()).containsEntry("github", "refused: no secret configured");
    }

    @Test
    void shouldAcceptUnsignedDeliveriesOnlyWhenAllowedAndSaySoInHealth() {
        WebhookAuth open = new WebhookAuth(noSecrets(), new UnsignedDeliveries(true), Clock.systemUTC());

        open.gitHub(null, BODY);
        open.gitLab(null, null, null, null, BODY);
        open.jenkins(null);
        assertThat(open.describe().get("jenkins")).startsWith("UNSIGNED deliveries accepted");
    }

    private static CiAuditConfig noSecrets() {
        return new CiAuditConfig() {
            @Override
            public GitHub github() {
                return () -> Optional.<List<String>>empty();
            }

            @Override
            public GitLab gitlab() {
                return Optional::empty;
            }

            @Override
            public Jenkins jenkins() {
                return Optional::empty;
            }

            @Override
            public Pull pull() {
                throw new UnsupportedOperationException("webhook authentication reads no pull settings");
            }

            @Override
            public Duration ledgerRetention() {
                return Duration.ofDays(7);
            }
        };
    }
}

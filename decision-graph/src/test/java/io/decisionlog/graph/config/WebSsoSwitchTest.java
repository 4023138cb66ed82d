package io.decisionlog.graph.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebSsoSwitchTest {

    @Test
    void shouldStayOffWithoutBothTheServerAndAClientForTheUi() {
        assertThat(new WebSsoSwitch(Map.of()).getValue("quarkus.oidc.web.tenant-enabled")).isEqualTo("false");
        assertThat(new WebSsoSwitch(Map.of(WebSsoSwitch.SERVER_URL, "https://idp.example/realms/acme"))
                .getValue("decisionlog.web.sso")).isEqualTo("false");
    }

    @Test
    void shouldTurnOnTheCodeFlowTenantWithTheUisOwnClient() {
        WebSsoSwitch on = new WebSsoSwitch(Map.of(WebSsoSwitch.SERVER_URL, " https://idp.example/realms/acme ",
                WebSsoSwitch.CLIENT_ID, "decision-log-web", WebSsoSwitch.CLIENT_SECRET, "s3cret"));

        assertThat(on.getValue("quarkus.oidc.web.tenant-enabled")).isEqualTo("true");
        assertThat(on.getValue("decisionlog.web.sso")).isEqualTo("true");
        assertThat(on.getValue("quarkus.oidc.web.auth-server-url")).isEqualTo("https://idp.example/realms/acme");
        assertThat(on.getValue("quarkus.oidc.web.client-id")).isEqualTo("decision-log-web");
        assertThat(on.getValue("quarkus.oidc.web.credentials.secret")).isEqualTo("s3cret");
        assertThat(on.getName()).doesNotContain("s3cret");
    }

    @Test
    void shouldLeaveTheLastWordToTheConfigurationFiles() {
        assertThat(new WebSsoSwitch(Map.of()).getOrdinal()).isLessThan(250);
    }
}

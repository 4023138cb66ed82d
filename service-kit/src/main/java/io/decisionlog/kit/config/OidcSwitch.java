package io.decisionlog.kit.config;

import java.util.Map;

/**
 * OIDC is off unless {@code DECISIONLOG_OIDC_AUTH_SERVER_URL} is set: then every service accepts the provider's access
 * tokens beside its API tokens.
 */
public class OidcSwitch extends EnvironmentSwitch {
    public static final String SERVER_URL = "DECISIONLOG_OIDC_AUTH_SERVER_URL";

    public OidcSwitch() {
        super("decision-log OIDC switch (" + SERVER_URL + ")", properties(System.getenv(SERVER_URL)));
    }

    private static Map<String, String> properties(String url) {
        return url != null && !url.isBlank()
                ? Map.of("quarkus.oidc.tenant-enabled", "true", "quarkus.oidc.auth-server-url", url.trim())
                : Map.of("quarkus.oidc.tenant-enabled", "false");
    }
}

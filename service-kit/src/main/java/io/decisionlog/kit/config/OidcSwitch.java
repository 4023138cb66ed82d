package io.decisionlog.kit.config;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;

/**
 * OIDC is off unless {@code DECISIONLOG_OIDC_AUTH_SERVER_URL} is set: then every service accepts the provider's access
 * tokens beside its API tokens. A low ordinal, so {@code application.properties} and tests can still decide.
 */
public class OidcSwitch implements ConfigSource {
    static final String SERVER_URL = "DECISIONLOG_OIDC_AUTH_SERVER_URL";

    private final Map<String, String> properties;

    public OidcSwitch() {
        String url = System.getenv(SERVER_URL);
        boolean on = url != null && !url.isBlank();
        this.properties = on
                ? Map.of("quarkus.oidc.tenant-enabled", "true", "quarkus.oidc.auth-server-url", url.trim())
                : Map.of("quarkus.oidc.tenant-enabled", "false");
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String name) {
        return properties.get(name);
    }

    @Override
    public String getName() {
        return "decision-log OIDC switch (" + SERVER_URL + ")";
    }

    @Override
    public int getOrdinal() {
        return 150;
    }
}

package io.decisionlog.graph.config;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Single sign-on for the web UI: when OIDC is on ({@code DECISIONLOG_OIDC_AUTH_SERVER_URL}) and the operator gives the
 * UI a client of its own ({@code DECISIONLOG_OIDC_WEB_CLIENT_ID}, {@code DECISIONLOG_OIDC_WEB_CLIENT_SECRET}), the
 * tenant {@code web} runs the authorization code flow at {@code /sign-in/sso}; otherwise it is off and the UI signs in
 * with API tokens only. A low ordinal, like service-kit's OIDC switch, so configuration files and tests still decide.
 */
public class WebSsoSwitch implements ConfigSource {
    static final String SERVER_URL = "DECISIONLOG_OIDC_AUTH_SERVER_URL";
    static final String CLIENT_ID = "DECISIONLOG_OIDC_WEB_CLIENT_ID";
    static final String CLIENT_SECRET = "DECISIONLOG_OIDC_WEB_CLIENT_SECRET";

    private final Map<String, String> properties;

    public WebSsoSwitch() {
        this(System.getenv());
    }

    WebSsoSwitch(Map<String, String> environment) {
        String server = environment.getOrDefault(SERVER_URL, "").trim();
        String client = environment.getOrDefault(CLIENT_ID, "").trim();
        Map<String, String> values = new HashMap<>();
        boolean on = !server.isEmpty() && !client.isEmpty();
        values.put("quarkus.oidc.web.tenant-enabled", String.valueOf(on));
        values.put("decisionlog.web.sso", String.valueOf(on));
        if (on) {
            values.put("quarkus.oidc.web.auth-server-url", server);
            values.put("quarkus.oidc.web.client-id", client);
            values.put("quarkus.oidc.web.credentials.secret", environment.getOrDefault(CLIENT_SECRET, "").trim());
        }
        this.properties = Map.copyOf(values);
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
        return "decision-log web sign-on switch (" + CLIENT_ID + ")";
    }

    @Override
    public int getOrdinal() {
        return 150;
    }
}

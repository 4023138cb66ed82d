package io.decisionlog.graph.config;

import io.decisionlog.kit.config.EnvironmentSwitch;
import io.decisionlog.kit.config.OidcSwitch;

import java.util.HashMap;
import java.util.Map;

/**
 * Single sign-on for the web UI: when OIDC is on ({@code DECISIONLOG_OIDC_AUTH_SERVER_URL}) and the operator gives the
 * UI a client of its own ({@code DECISIONLOG_OIDC_WEB_CLIENT_ID}, {@code DECISIONLOG_OIDC_WEB_CLIENT_SECRET}), the
 * tenant {@code web} runs the authorization code flow at {@code /sign-in/sso}; otherwise it is off and the UI signs in
 * with API tokens only.
 */
public class WebSsoSwitch extends EnvironmentSwitch {
    static final String SERVER_URL = OidcSwitch.SERVER_URL;
    static final String CLIENT_ID = "DECISIONLOG_OIDC_WEB_CLIENT_ID";
    static final String CLIENT_SECRET = "DECISIONLOG_OIDC_WEB_CLIENT_SECRET";

    public WebSsoSwitch() {
        this(System.getenv());
    }

    WebSsoSwitch(Map<String, String> environment) {
        super("decision-log web sign-on switch (" + CLIENT_ID + ")", properties(environment));
    }

    private static Map<String, String> properties(Map<String, String> environment) {
        String server = environment.getOrDefault(SERVER_URL, "").trim();
        String client = environment.getOrDefault(CLIENT_ID, "").trim();
        boolean on = !server.isEmpty() && !client.isEmpty();
        Map<String, String> values = new HashMap<>();
        values.put("quarkus.oidc.web.tenant-enabled", String.valueOf(on));
        values.put("decisionlog.web.sso", String.valueOf(on));
        if (on) {
            values.put("quarkus.oidc.web.auth-server-url", server);
            values.put("quarkus.oidc.web.client-id", client);
            values.put("quarkus.oidc.web.credentials.secret", environment.getOrDefault(CLIENT_SECRET, "").trim());
        }
        return values;
    }
}

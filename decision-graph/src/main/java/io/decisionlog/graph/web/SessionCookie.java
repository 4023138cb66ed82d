package io.decisionlog.graph.web;

import jakarta.ws.rs.core.NewCookie;

import java.time.Duration;

/**
 * The web UI's session: the bearer credential the person signed in with (an API token, or an OIDC access token),
 * held in a cookie scripts cannot read ({@code HttpOnly}), that no other site's page can send
 * ({@code SameSite=Strict}), and that travels only over https when the UI is served over https ({@code Secure}).
 * No server-side session: every instance of decision-graph checks the cookie as it checks a bearer token, and revoking
 * the token ends the session everywhere.
 */
final class SessionCookie {
    static final String NAME = "dl_session";
    /** A browser forgets the session after this even when the token lives longer. */
    static final Duration LIFETIME = Duration.ofHours(12);

    private SessionCookie() {
    }

    static NewCookie of(String credential, boolean secure) {
        return cookie(credential, (int) LIFETIME.toSeconds(), secure);
    }

    static NewCookie cleared(boolean secure) {
        return cookie("", 0, secure);
    }

    private static NewCookie cookie(String value, int maxAge, boolean secure) {
        return new NewCookie.Builder(NAME).value(value).path("/").maxAge(maxAge).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }
}

package io.decisionlog.graph.web;

import io.decisionlog.events.errors.BadRequest;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.core.NewCookie;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The UI's forms (sign-in, sign-out) carry a token that must equal the one in an HttpOnly, SameSite=Strict cookie
 * (double submit): another site can make a browser post a form, but cannot read or set that cookie. Only the UI's own
 * form endpoints check it; the JSON API needs a bearer token, which a browser never adds on its own, so it is no CSRF
 * target. Templates read it as {@code {inject:csrf.token}}.
 */
@RequestScoped
@Named("csrf")
public class CsrfTokens {
    static final String COOKIE = "dl_csrf";
    static final String FIELD = "csrf-token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServerRequest request;
    private String issued;

    @Inject
    public CsrfTokens(CurrentVertxRequest current) {
        this.request = current.getCurrent().request();
    }

    public String getParameterName() {
        return FIELD;
    }

    /** The browser's token, or a new one that this response sets. */
    public String getToken() {
        Optional<String> existing = fromCookie();
        if (existing.isPresent()) {
            return existing.get();
        }
        if (issued == null) {
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            issued = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        return issued;
    }

    /** @throws BadRequest when the form's token is missing or is not the cookie's */
    void verify(String submitted) {
        String expected = fromCookie().orElse("");
        boolean same = submitted != null && !expected.isEmpty() && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), submitted.getBytes(StandardCharsets.US_ASCII));
        if (!same) {
            throw new BadRequest(FIELD, "this form is stale or was not sent from decision-log's own page: "
                    + "open the page again and resend it");
        }
    }

    /** The cookie to set when this request issued a token. */
    Optional<NewCookie> issuedCookie(boolean secure) {
        return issued == null ? Optional.empty() : Optional.of(new NewCookie.Builder(COOKIE).value(issued).path("/")
                .httpOnly(true).secure(secure).sameSite(NewCookie.SameSite.STRICT).build());
    }

    private Optional<String> fromCookie() {
        Cookie cookie = request.getCookie(COOKIE);
        return cookie == null || !cookie.getValue().matches("[A-Za-z0-9_-]{32}") ? Optional.empty()
                : Optional.of(cookie.getValue());
    }
}

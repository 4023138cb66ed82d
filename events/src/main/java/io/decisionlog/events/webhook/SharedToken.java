package io.decisionlog.events.webhook;

import io.decisionlog.events.errors.Unauthorized;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A shared secret presented as-is (X-Gitlab-Token, the Jenkins token, a bearer token), compared in constant time. */
public final class SharedToken {
    private final byte[] expected;

    public SharedToken(Optional<String> token) {
        this.expected = token.map(String::trim).filter(t -> !t.isEmpty())
                .map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    public boolean enabled() {
        return expected != null;
    }

    public boolean matches(String presented) {
        return presented != null && Hmac.equal(expected, presented.trim().getBytes(StandardCharsets.UTF_8));
    }

    /** @throws Unauthorized naming what was expected */
    public void require(String presented, String what) {
        if (enabled() && !matches(presented)) {
            throw new Unauthorized(presented == null ? what + " is missing" : what + " is wrong");
        }
    }
}

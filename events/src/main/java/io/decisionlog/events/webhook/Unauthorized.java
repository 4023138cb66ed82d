package io.decisionlog.events.webhook;

/** A request whose signature or token does not check out: answered 401 with the reason, nothing published. */
public class Unauthorized extends RuntimeException {
    public Unauthorized(String reason) {
        super(reason, null, false, false);
    }
}

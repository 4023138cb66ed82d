package io.decisionlog.minutes.webhook;

/** A delivery that fails authentication: answered 401 with the reason. */
public class Unauthorized extends RuntimeException {
    public Unauthorized(String message) {
        super(message);
    }
}

package io.decisionlog.blame.api;

/** A request that cannot be served as sent; answered 400 with the reason. */
public class BadRequest extends RuntimeException {
    public BadRequest(String reason) {
        super(reason, null, false, false);
    }
}

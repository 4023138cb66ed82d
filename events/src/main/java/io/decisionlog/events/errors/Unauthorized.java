package io.decisionlog.events.errors;

/** A signature, token or credential that does not check out: 401 with the reason, nothing done. */
public final class Unauthorized extends Refusal {
    public Unauthorized(String reason) {
        super(null, reason);
    }

    @Override
    public int status() {
        return 401;
    }

    @Override
    public String error() {
        return "unauthorized";
    }
}

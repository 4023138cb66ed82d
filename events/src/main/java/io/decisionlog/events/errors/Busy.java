package io.decisionlog.events.errors;

/** Every slot for costly work is taken: 503 with Retry-After, the request may be sent again as it is. */
public final class Busy extends Refusal {
    public Busy(String message) {
        super(null, message);
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public String error() {
        return "busy";
    }
}

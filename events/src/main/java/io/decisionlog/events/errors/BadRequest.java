package io.decisionlog.events.errors;

/** The request cannot be served as sent: 400, naming the field when one is to blame. */
public final class BadRequest extends Refusal {
    public BadRequest(String message) {
        super(null, message);
    }

    public BadRequest(String field, String message) {
        super(field, message);
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String error() {
        return "bad_request";
    }
}

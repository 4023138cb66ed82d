package io.decisionlog.events.errors;

/** A well-formed request this service will not answer as asked (over a cost limit): 422, saying which limit. */
public final class Unprocessable extends Refusal {
    public Unprocessable(String field, String message) {
        super(field, message);
    }

    @Override
    public int status() {
        return 422;
    }

    @Override
    public String error() {
        return "unprocessable";
    }
}

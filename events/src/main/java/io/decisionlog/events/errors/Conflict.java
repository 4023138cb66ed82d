package io.decisionlog.events.errors;

/** The request contradicts what is already there: 409, saying what and how to proceed. */
public final class Conflict extends Refusal {
    public Conflict(String field, String message) {
        super(field, message);
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String error() {
        return "conflict";
    }
}

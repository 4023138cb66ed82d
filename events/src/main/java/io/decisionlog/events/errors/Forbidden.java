package io.decisionlog.events.errors;

/** The caller is known but may not do this: 403. */
public final class Forbidden extends Refusal {
    public Forbidden(String message) {
        super(null, message);
    }

    @Override
    public int status() {
        return 403;
    }

    @Override
    public String error() {
        return "forbidden";
    }
}

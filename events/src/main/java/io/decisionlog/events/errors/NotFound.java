package io.decisionlog.events.errors;

/** Nothing by that name (or nothing the caller may see): 404, saying what was looked for. */
public final class NotFound extends Refusal {
    public NotFound(String message) {
        super(null, message);
    }

    @Override
    public int status() {
        return 404;
    }

    @Override
    public String error() {
        return "not_found";
    }
}

package io.decisionlog.events.errors;

/**
 * A request refused for what it is, not for a passing fault: every service answers it with its HTTP status and a
 * JSON body naming the error, the field when one is to blame, and a message a person can act on. One hierarchy, so
 * that one mapper per service turns every refusal into the same answer.
 */
public abstract sealed class Refusal extends RuntimeException permits BadRequest, Unauthorized, Forbidden, NotFound, Conflict,
        Unprocessable, Busy, Standby {
    private final String field;

    Refusal(String field, String message) {
        // a refusal is an answer, not a failure: no stack trace to fill or log
        super(message, null, false, false);
        this.field = field;
    }

    /** The HTTP status that answers it. */
    public abstract int status();

    /** A stable, machine-readable name of the refusal ({@code bad_request}, {@code not_found}, …). */
    public abstract String error();

    /** The request field to blame, or null. */
    public String field() {
        return field;
    }
}

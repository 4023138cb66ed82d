package io.decisionlog.ciaudit.ingest;

/** A delivery that cannot become a run: answered 400 naming the field and the problem, nothing published. */
public class BadDelivery extends RuntimeException {
    private final String field;

    public BadDelivery(String field, String problem) {
        super(problem, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

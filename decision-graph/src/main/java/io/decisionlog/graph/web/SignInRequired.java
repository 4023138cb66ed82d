package io.decisionlog.graph.web;

/** A page was asked for without a session: the answer is the sign-in page, which comes back to {@code next}. */
final class SignInRequired extends RuntimeException {
    private final String next;

    SignInRequired(String next) {
        super("sign in to see " + next, null, false, false);
        this.next = next;
    }

    String next() {
        return next;
    }
}

package io.decisionlog.graph.web;

/** A signed-in viewer whose role does not allow a page at all (a page never says whether a thing exists: that is 404). */
final class NotAllowed extends RuntimeException {
    NotAllowed(String message) {
        super(message, null, false, false);
    }
}

package io.decisionlog.events.errors;

/**
 * This instance does not do that work now: another instance of the service holds the lease for it (or this one is
 * still taking over). 503 with Retry-After: sent again, through a load balancer that routes to ready instances only,
 * the request reaches the one that does.
 */
public final class Standby extends Refusal {
    public Standby(String message) {
        super(null, message);
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public String error() {
        return "standby";
    }
}

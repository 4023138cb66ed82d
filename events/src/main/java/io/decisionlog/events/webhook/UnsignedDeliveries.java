package io.decisionlog.events.webhook;

import io.decisionlog.events.errors.Unauthorized;

/**
 * A webhook whose secret is not configured: its deliveries are refused (401) unless the operator accepts unsigned ones
 * on purpose ({@value #SETTING}=true), which each service warns about at start and shows in its health.
 */
public record UnsignedDeliveries(boolean allowed) {
    public static final String SETTING = "DECISIONLOG_WEBHOOKS_ALLOW_UNSIGNED";

    /** @throws Unauthorized naming the secret to configure, unless unsigned deliveries are allowed */
    public void check(String endpoint, String secretSetting) {
        if (!allowed) {
            throw new Unauthorized(endpoint + " has no secret configured (" + secretSetting + "), so it accepts no "
                    + "delivery; set it, or set " + SETTING + "=true to accept unsigned deliveries");
        }
    }

    /** How an endpoint stands, for health details and start-up logs. */
    public String describe(boolean secretConfigured, String whenConfigured) {
        if (secretConfigured) {
            return whenConfigured;
        }
        return allowed ? "UNSIGNED deliveries accepted (" + SETTING + "=true)" : "refused: no secret configured";
    }
}

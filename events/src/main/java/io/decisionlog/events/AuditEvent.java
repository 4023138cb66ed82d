package io.decisionlog.events;

import java.time.Instant;

/**
 * One write through an API ({@code decisionlog.audit.v1}, an append-only log keyed by target): who did what to which
 * target, when, and how it ended ({@code accepted}, {@code refused}, {@code failed}). Details never hold a secret.
 */
@WireFormat
public record AuditEvent(String id, Instant at, String service, String principal, String action, String target,
                         String outcome, String detail) {
}

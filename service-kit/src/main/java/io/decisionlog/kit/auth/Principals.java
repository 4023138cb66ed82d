package io.decisionlog.kit.auth;

import io.quarkus.security.identity.SecurityIdentity;

import java.util.Set;

/** What a security identity of decision-log carries beside its roles. */
public final class Principals {
    /** The repositories (and minutes sources) the principal may read; absent or empty means all. */
    public static final String REPOS = "decisionlog.repos";
    /** Who the principal is as a person names them: a token's name, without its id. */
    public static final String PERSON = "decisionlog.person";

    private Principals() {
    }

    @SuppressWarnings("unchecked")
    public static Set<String> repos(SecurityIdentity identity) {
        Object repos = identity.getAttribute(REPOS);
        return repos instanceof Set<?> set ? (Set<String>) set : Set.of();
    }

    /** The principal's name for the audit trail: the token's name and id, or the OIDC subject. */
    public static String name(SecurityIdentity identity) {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    /**
     * Who signs what the principal signs: a token's name (what an allowed-signers file names), or the OIDC principal's
     * name.
     */
    public static String person(SecurityIdentity identity) {
        Object person = identity.getAttribute(PERSON);
        return person instanceof String text ? text : name(identity);
    }
}

package io.decisionlog.kit.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer secret of decision-log's own ({@code dl_…}) to be checked. */
public final class ApiTokenRequest extends BaseAuthenticationRequest {
    private final String secret;

    public ApiTokenRequest(String secret) {
        this.secret = secret;
    }

    public String secret() {
        return secret;
    }
}

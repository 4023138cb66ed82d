package io.decisionlog.kit.git;

import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

import java.util.Locale;
import java.util.Map;

/**
 * An https token is given for one host and goes to that host only, never over cleartext: JGit asks again after a
 * redirect to another host (it resets authentication then), and this answers nothing for a host it was not given for.
 */
final class HostBoundCredentials extends CredentialsProvider {
    /** The user name GitHub and GitLab accept beside a token as the password. */
    private static final String TOKEN_USER = "x-access-token";

    private final Map<String, String> tokensByHost;

    HostBoundCredentials(Map<String, String> tokensByHost) {
        this.tokensByHost = Map.copyOf(tokensByHost);
    }

    @Override
    public boolean isInteractive() {
        return false;
    }

    @Override
    public boolean supports(CredentialItem... items) {
        for (CredentialItem item : items) {
            if (!(item instanceof CredentialItem.Username) && !(item instanceof CredentialItem.Password)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
        String token = tokenFor(uri);
        if (token == null) {
            return false;
        }
        for (CredentialItem item : items) {
            if (item instanceof CredentialItem.Username username) {
                username.setValue(TOKEN_USER);
            } else if (item instanceof CredentialItem.Password password) {
                password.setValue(token.toCharArray());
            } else {
                throw new UnsupportedCredentialItem(uri, item.getPromptText());
            }
        }
        return true;
    }

    String tokenFor(URIish uri) {
        if (uri == null || uri.getHost() == null || !"https".equalsIgnoreCase(uri.getScheme())) {
            return null;
        }
        return tokensByHost.get(uri.getHost().toLowerCase(Locale.ROOT));
    }
}

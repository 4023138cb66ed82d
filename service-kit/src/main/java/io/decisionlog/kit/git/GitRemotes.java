package io.decisionlog.kit.git;

import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.outbound.Destination;
import io.decisionlog.events.outbound.GuardProxy;
import io.decisionlog.events.outbound.OutboundPolicy;
import io.decisionlog.kit.config.SharedConfig;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one way the services reach a git repository (code or minutes): a registered URL is checked against the
 * {@link OutboundPolicy} (scheme, local roots, and the addresses its host resolves to), every connection goes through
 * the {@link OutboundGuard}'s proxy, credentials go only to the https host they were given for, and a fetch has a
 * whole time limit besides JGit's per-read timeout.
 */
public final class GitRemotes {
    private final OutboundPolicy policy;
    private final CredentialsProvider credentials;
    private final Duration timeout;
    private final GuardProxy guard;

    public GitRemotes(OutboundPolicy policy, Map<String, String> tokensByHost, Duration timeout, GuardProxy guard) {
        this.policy = policy;
        this.credentials = new HostBoundCredentials(tokensByHost);
        this.timeout = timeout;
        this.guard = guard;
    }

    /**
     * Says why a fetch that started at {@code startedNanos} failed when the guard refused one of its connections (JGit
     * only sees a 403); otherwise the failure as it is.
     */
    public Exception explain(Exception failure, long startedNanos) {
        return guard == null ? failure : guard.lastRefused().filter(refused -> refused.atNanos() - startedNanos >= 0)
                .<Exception>map(refused -> new IllegalStateException(refused.reason(), failure)).orElse(failure);
    }

    /** Repositories on this machine only, under the given roots, with no credentials: for tools and tests. */
    public static GitRemotes local(List<Path> roots, Duration timeout) {
        return new GitRemotes(OutboundPolicy.of(List.of(), roots), Map.of(), timeout, null);
    }

    /** The one git setting of every service ({@code decisionlog.git.credentials}) with the service's own timeout. */
    public static GitRemotes of(OutboundGuard guard, SharedConfig config, Duration timeout) {
        return new GitRemotes(guard.policy(), tokensByHost(config.git().credentials().orElse(List.of())), timeout,
                guard.proxy());
    }

    /**
     * {@code host=token} entries by host.
     *
     * @throws IllegalArgumentException naming the entry (by its host, never its token) that is not {@code host=token}
     */
    static Map<String, String> tokensByHost(List<String> entries) {
        Map<String, String> tokens = new HashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.trim().length() - 1) {
                throw new IllegalArgumentException("decisionlog.git.credentials: an entry is not host=token (it starts "
                        + "with '" + entry.substring(0, Math.max(0, Math.min(equals, 20))) + "')");
            }
            tokens.put(entry.substring(0, equals).trim().toLowerCase(Locale.ROOT), entry.substring(equals + 1).trim());
        }
        return tokens;
    }

    /**
     * Checks a URL for registration: every rule, the host's addresses included.
     *
     * @throws io.decisionlog.events.errors.BadRequest naming the rule it breaks, never the URL's password
     */
    public Destination check(String url) {
        Destination destination = policy.check(url);
        if (destination instanceof Destination.Remote remote) {
            if (remote.scheme().equals("ssh")) {
                // the policy allows ssh, but the guard proxy only sees http(s), so an ssh fetch would reach an address
                // nobody checked: refusing here is both the honest answer and the one that keeps every connection checked
                throw new BadRequest("url", "ssh remotes are not supported yet: register the https URL and put its "
                        + "token in DECISIONLOG_GIT_CREDENTIALS (host=token)");
            }
            policy.resolve(remote.host());
        }
        return destination;
    }

    /** A trust file a registration names, checked as a local repository is (local roots), at most 1 MiB. */
    public Path localFile(String field, String path) {
        return policy.localFile(field, path, 1024 * 1024);
    }

    /** What JGit is given to fetch from: the checked local directory, or the URL as registered. */
    public String transportUrl(String url) {
        Destination destination = policy.check(url);
        return destination instanceof Destination.Local local ? local.path().toUri().toString() : url.trim();
    }

    /** Puts the credentials, the per-read timeout and the whole-fetch limit on a fetch or ls-remote. */
    public <C extends TransportCommand<C, ?>> C guard(C command) {
        return command.setCredentialsProvider(credentials).setTimeout((int) Math.max(1, timeout.toSeconds()));
    }

    /** The progress monitor that cancels a fetch past its whole time limit (limit: twice the per-read timeout). */
    public org.eclipse.jgit.lib.ProgressMonitor deadline() {
        return new Deadline(timeout.multipliedBy(2));
    }
}

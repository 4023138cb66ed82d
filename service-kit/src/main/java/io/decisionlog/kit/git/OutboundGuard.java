package io.decisionlog.kit.git;

import io.decisionlog.events.outbound.GuardProxy;
import io.decisionlog.events.outbound.OutboundPolicy;
import io.decisionlog.kit.config.SharedConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.jgit.transport.HttpTransport;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Starts the {@link GuardProxy} and routes every JGit http connection of the service through it, so that a fetch
 * reaches only addresses the {@link OutboundPolicy} allows, checked on the address it actually connects to; other
 * outbound clients (CI API pulls) are given {@link #proxy()} the same way.
 */
@Startup
@ApplicationScoped
public class OutboundGuard {
    private static final Logger LOG = Logger.getLogger(OutboundGuard.class);

    private final OutboundPolicy policy;
    private GuardProxy proxy;

    @Inject
    public OutboundGuard(SharedConfig config) {
        this.policy = OutboundPolicy.of(config.outboundAllow().orElse(List.of()), roots(config.localRepoRoots().orElse("")));
    }

    @PostConstruct
    void install() {
        try {
            proxy = GuardProxy.start(policy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the outbound guard", e);
        }
        HttpTransport.setConnectionFactory(new GuardedConnections(proxy.proxy()));
        LOG.info("git fetches go through the outbound guard (DECISIONLOG_OUTBOUND_ALLOW, DECISIONLOG_LOCAL_REPO_ROOTS)");
    }

    void stop(@Observes ShutdownEvent event) throws IOException {
        proxy.close();
    }

    public OutboundPolicy policy() {
        return policy;
    }

    public GuardProxy proxy() {
        return proxy;
    }

    static List<Path> roots(String colonSeparated) {
        return Arrays.stream(colonSeparated.split(":")).map(String::trim).filter(s -> !s.isEmpty()).map(Path::of).toList();
    }
}

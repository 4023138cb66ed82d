package io.decisionlog.kit.git;

import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

import java.io.IOException;
import java.net.Proxy;
import java.net.URL;

/** JGit's http connections, every one through the guard's proxy whatever proxy JGit would have chosen. */
final class GuardedConnections extends JDKHttpConnectionFactory {
    private final Proxy guard;

    GuardedConnections(Proxy guard) {
        this.guard = guard;
    }

    @Override
    public HttpConnection create(URL url) throws IOException {
        return super.create(url, guard);
    }

    @Override
    public HttpConnection create(URL url, Proxy ignored) throws IOException {
        return super.create(url, guard);
    }
}

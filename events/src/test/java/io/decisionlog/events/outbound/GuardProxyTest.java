package io.decisionlog.events.outbound;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class GuardProxyTest {
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Test
    void shouldForwardToAnAllowedAddressAndRefuseARedirectIntoTheHostsOwnNetworkWithoutConnecting() throws IOException {
        AtomicInteger privateHits = new AtomicInteger();
        HttpServer inside = server("127.0.0.2", exchange -> {
            privateHits.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
        });
        HttpServer allowed = server("127.0.0.1", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.2:" + inside.getAddress().getPort() + "/secret");
            exchange.sendResponseHeaders(302, -1);
        });
        GuardProxy guard = GuardProxy.start(OutboundPolicy.of(List.of("127.0.0.1"), List.of()));
        open.add(guard);

        HttpURLConnection first = open(guard, "http://127.0.0.1:" + allowed.getAddress().getPort() + "/repo.git");
        assertThat(first.getResponseCode()).isEqualTo(302);
        HttpURLConnection hop = open(guard, first.getHeaderField("Location"));

        assertThat(hop.getResponseCode()).isEqualTo(403);
        assertThat(hop.getResponseMessage()).contains("127.0.0.2 is a loopback address");
        assertThat(privateHits).hasValue(0);
        assertThat(guard.connected()).isEqualTo(1);
        assertThat(guard.refused()).isEqualTo(1);
    }

    @Test
    void shouldRefuseToTunnelToTheMetadataServiceNamingTheRule() throws IOException {
        GuardProxy guard = GuardProxy.start(OutboundPolicy.of(List.of(), List.of()));
        open.add(guard);

        IOException failure = null;
        try {
            open(guard, "https://169.254.169.254/latest/meta-data").getResponseCode();
        } catch (IOException e) {
            failure = e;
        }

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("169.254.169.254 is a link-local address");
        assertThat(guard.connected()).isZero();
    }

    private HttpServer server(String address, com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                handler.handle(exchange);
            }
        });
        server.start();
        open.add(() -> server.stop(0));
        return server;
    }

    private static HttpURLConnection open(GuardProxy guard, String url) throws IOException {
        URI uri = URI.create(url);
        HttpURLConnection connection = (HttpURLConnection) uri.toURL()
                .openConnection(guard.selector().select(uri).get(0));
        connection.setInstanceFollowRedirects(false);
        return connection;
    }
}

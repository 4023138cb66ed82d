package io.decisionlog.events.outbound;

import io.decisionlog.events.errors.BadRequest;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The check on the address actually connected to: an HTTP proxy inside the service, on loopback, that the service's
 * outbound http(s) connections go through (git fetches, CI API pulls: each client is given this proxy). It resolves the host itself, checks each
 * address against the {@link OutboundPolicy}, and connects to exactly the address it checked, so a DNS answer that
 * changes between check and connect (rebinding) changes nothing, and every redirect hop, being a new connection, is
 * checked again. TLS stays end to end: for https the proxy only tunnels ({@code CONNECT}).
 * <p>
 * A refusal answers 403 with the rule in the status line, which is what the fetching client reports.
 */
public final class GuardProxy implements Closeable {
    private static final System.Logger LOG = System.getLogger(GuardProxy.class.getName());
    private static final int MAX_HEAD = 16 * 1024;
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final OutboundPolicy policy;
    private final ServerSocket server;
    private final AtomicLong connected = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicReference<Refused> lastRefused = new AtomicReference<>();

    /** A connection the guard refused: when (System.nanoTime) and by which rule. */
    public record Refused(long atNanos, String reason) {
    }

    private GuardProxy(OutboundPolicy policy, ServerSocket server) {
        this.policy = policy;
        this.server = server;
    }

    /** Starts the proxy on an ephemeral loopback port. */
    public static GuardProxy start(OutboundPolicy policy) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        GuardProxy proxy = new GuardProxy(policy, server);
        Thread acceptor = new Thread(proxy::accept, "outbound-guard");
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    /** This proxy, for a client that takes one (JGit's connections). */
    public Proxy proxy() {
        return new Proxy(Proxy.Type.HTTP, server.getLocalSocketAddress());
    }

    /** Sends http and https through this proxy; anything else (local files) goes as it is. */
    public ProxySelector selector() {
        Proxy proxy = proxy();
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                return scheme.equals("http") || scheme.equals("https") ? List.of(proxy) : List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
                // nothing to fall back to: a failed connection through the guard is a failed fetch
            }
        };
    }

    /** Connections made on behalf of a client since start. */
    public long connected() {
        return connected.get();
    }

    /**
     * The last refusal, if any: a client that sees only "403" (JGit reports a refused redirect hop as "not permitted")
     * can say which rule stopped it.
     */
    public Optional<Refused> lastRefused() {
        return Optional.ofNullable(lastRefused.get());
    }

    /** Connections refused by the policy since start. */
    public long refused() {
        return refused.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread handler = new Thread(() -> serve(client), "outbound-guard-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.log(System.Logger.Level.WARNING, "outbound guard: accept failed: {0}", e.getMessage());
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(CONNECT_TIMEOUT_MS);
            InputStream in = client.getInputStream();
            String head = readHead(in);
            String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
            if (requestLine.length != 3) {
                answer(client, 400, "not an HTTP request");
                return;
            }
            if (requestLine[0].equalsIgnoreCase("CONNECT")) {
                tunnel(client, requestLine[1]);
            } else {
                forward(client, head, requestLine);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "outbound guard: connection ended: {0}", e.getMessage());
        }
    }

    private void tunnel(Socket client, String authority) throws IOException {
        int colon = authority.lastIndexOf(':');
        String host = stripBrackets(authority.substring(0, colon));
        int port = Integer.parseInt(authority.substring(colon + 1));
        try (Socket upstream = connect(client, host, port)) {
            if (upstream == null) {
                return;
            }
            client.getOutputStream().write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            pump(client, upstream, new byte[0]);
        }
    }

    private void forward(Socket client, String head, String[] requestLine) throws IOException {
        URI target = URI.create(requestLine[1]);
        if (target.getHost() == null || !"http".equalsIgnoreCase(target.getScheme())) {
            answer(client, 400, "the guard forwards absolute http URLs only");
            return;
        }
        int port = target.getPort() < 0 ? 80 : target.getPort();
        try (Socket upstream = connect(client, target.getHost(), port)) {
            if (upstream == null) {
                return;
            }
            pump(client, upstream, originForm(head, requestLine, target));
        }
    }

    /** The upstream connection to a checked address, or null after answering the refusal. */
    private Socket connect(Socket client, String host, int port) throws IOException {
        InetAddress address;
        try {
            address = policy.resolve(host).get(0);
        } catch (BadRequest e) {
            refused.incrementAndGet();
            lastRefused.set(new Refused(System.nanoTime(), e.getMessage()));
            LOG.log(System.Logger.Level.WARNING, "outbound guard: {0}", e.getMessage());
            answer(client, 403, e.getMessage());
            return null;
        }
        Socket upstream = new Socket();
        upstream.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
        connected.incrementAndGet();
        return upstream;
    }

    /** One request per connection, in origin form, so a kept-alive client cannot reach a second host unchecked. */
    private static byte[] originForm(String head, String[] requestLine, URI target) {
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        String query = target.getRawQuery() == null ? "" : "?" + target.getRawQuery();
        StringBuilder out = new StringBuilder(requestLine[0]).append(' ').append(path).append(query).append(' ')
                .append(requestLine[2]).append("\r\n");
        for (String line : head.substring(head.indexOf("\r\n") + 2).split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (!line.isEmpty() && !lower.startsWith("proxy-") && !lower.startsWith("connection:")) {
                out.append(line).append("\r\n");
            }
        }
        return out.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void pump(Socket client, Socket upstream, byte[] first) throws IOException {
        client.setSoTimeout(0);
        OutputStream toUpstream = upstream.getOutputStream();
        toUpstream.write(first);
        toUpstream.flush();
        Thread up = new Thread(() -> copy(client, upstream), "outbound-guard-up");
        up.setDaemon(true);
        up.start();
        copy(upstream, client);
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // the other side closed: the tunnel is over
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() >= MAX_HEAD) {
                throw new IOException("request head ended early or is over " + MAX_HEAD + " bytes");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void answer(Socket client, int status, String reason) throws IOException {
        String line = reason.replaceAll("[\\r\\n]", " ");
        client.getOutputStream().write(("HTTP/1.1 " + status + " " + line + "\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}

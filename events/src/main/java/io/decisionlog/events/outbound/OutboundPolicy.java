package io.decisionlog.events.outbound;

import io.decisionlog.events.errors.BadRequest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one rule for every fetch the services make (git repositories of code and minutes, CI APIs): which URLs may be
 * registered at all, and which addresses a connection may reach. Modelled on GitLab's outbound-request filter, without
 * its two known gaps: a host that does not resolve is refused rather than let through unchecked, and allowing one
 * address allows that address, not the network around it.
 * <ul>
 *   <li>{@code https} and {@code ssh} anywhere public; {@code http} only to hosts the operator lists; no other scheme;
 *   <li>local paths and {@code file://} only under the operator's local roots;
 *   <li>no loopback, link-local, private, carrier-grade NAT, unspecified, multicast or reserved address, unless the
 *   operator lists the host or a range that holds the address ({@code DECISIONLOG_OUTBOUND_ALLOW});
 *   <li>no password in a URL: credentials come from configuration, bound to their host.
 * </ul>
 * Every refusal is a {@link BadRequest} naming the rule, and never the URL's password.
 */
public final class OutboundPolicy {
    public static final String ALLOW_SETTING = "DECISIONLOG_OUTBOUND_ALLOW";
    public static final String ROOTS_SETTING = "DECISIONLOG_LOCAL_REPO_ROOTS";
    private static final int MAX_URL = 2_048;

    private final Set<String> allowedHosts;
    private final List<AddressRange> allowedRanges;
    private final List<Path> localRoots;

    private OutboundPolicy(Set<String> allowedHosts, List<AddressRange> allowedRanges, List<Path> localRoots) {
        this.allowedHosts = allowedHosts;
        this.allowedRanges = allowedRanges;
        this.localRoots = localRoots;
    }

    /**
     * @param allow      host names and IP ranges the operator allows beyond the rule (e.g. an internal git server)
     * @param localRoots directories under which local repositories may be registered
     */
    public static OutboundPolicy of(List<String> allow, List<Path> localRoots) {
        Set<String> hosts = new TreeSet<>();
        List<AddressRange> ranges = new ArrayList<>();
        for (String entry : allow) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (AddressRange.isRange(trimmed)) {
                ranges.add(AddressRange.parse(trimmed));
            } else {
                hosts.add(trimmed.toLowerCase(Locale.ROOT));
            }
        }
        return new OutboundPolicy(hosts, List.copyOf(ranges), localRoots.stream().map(OutboundPolicy::realRoot).toList());
    }

    /**
     * The URL as it may be shown: without a password, also for a registration made before passwords were refused.
     */
    public static String withoutPassword(String url) {
        if (url == null || !url.contains("://")) {
            return url;
        }
        try {
            return withoutUserInfo(new URI(url.trim()));
        } catch (URISyntaxException e) {
            return url.replaceAll("//[^/@]*@", "//");
        }
    }

    /** The rules that need no network: scheme, password, local roots, and a host given as an address. */
    public Destination check(String url) {
        if (url == null || url.isBlank()) {
            throw refused("url", "url is missing");
        }
        String trimmed = url.trim();
        if (trimmed.length() > MAX_URL || trimmed.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw refused("url", "url must be at most " + MAX_URL + " characters with no spaces or control characters");
        }
        int at = trimmed.indexOf('@');
        if (!trimmed.contains("://") && at > 0 && trimmed.substring(0, at).contains(":")) {
            throw refused("url", "url carries a password; credentials come from configuration "
                    + "(decisionlog.git.credentials), never from a URL that is stored and shown");
        }
        if (isScpLike(trimmed)) {
            return remote(parse("ssh://" + trimmed.replaceFirst(":", "/")), trimmed);
        }
        if (!trimmed.contains("://")) {
            return local(Path.of(trimmed), trimmed);
        }
        URI uri = parse(trimmed);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            return local(Path.of(uri), withoutUserInfo(uri));
        }
        return remote(uri, withoutUserInfo(uri));
    }

    /**
     * Checks the base URL of an HTTP API (a CI system's) with every rule, the host's addresses included: http or https
     * only, and no user part at all (a token comes from configuration, bound to the host).
     *
     * @throws BadRequest naming {@code field} and the rule it breaks, never a password
     */
    public Destination.Remote checkHttp(String field, String url) {
        Destination destination;
        try {
            destination = check(url);
        } catch (BadRequest e) {
            throw refused(field, e.getMessage());
        }
        if (!(destination instanceof Destination.Remote remote) || remote.scheme().equals("ssh")) {
            throw refused(field, field + " must be an http(s) URL");
        }
        if (URI.create(url.trim()).getUserInfo() != null) {
            throw refused(field, field + " must not carry a user; credentials come from configuration by reference");
        }
        try {
            resolve(remote.host());
        } catch (BadRequest e) {
            throw refused(field, e.getMessage());
        }
        return remote;
    }

    /**
     * Resolves the host and checks every address it has, as a connection to it would: the addresses it may connect to.
     *
     * @throws BadRequest when the host does not resolve, or when any of its addresses is refused
     */
    public List<InetAddress> resolve(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw refused("url", "host " + host + " does not resolve; a host is checked before anything is fetched, "
                    + "so an unknown host is refused");
        }
        for (InetAddress address : addresses) {
            checkAddress(host, address);
        }
        return List.of(addresses);
    }

    /** The check a connection makes on the very address it is about to connect to. */
    public void checkAddress(String host, InetAddress address) {
        Optional<String> rule = SpecialAddresses.ruleFor(address);
        if (rule.isEmpty() || hostAllowed(host) || allowedRanges.stream().anyMatch(r -> r.contains(address))) {
            return;
        }
        throw refused("url", host + " is refused: " + address.getHostAddress() + " is a " + rule.get()
                + " address, which a fetch may not reach unless " + ALLOW_SETTING + " lists the host or the address");
    }

    /** An IP literal inside a range the operator allows. */
    private boolean literalAllowed(String host) {
        String bare = host.replace("[", "").replace("]", "");
        if (!AddressRange.isRange(bare)) {
            return false;
        }
        InetAddress address = AddressRange.parse(bare).network();
        return allowedRanges.stream().anyMatch(range -> range.contains(address));
    }

    private boolean hostAllowed(String host) {
        return host != null && allowedHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    private Destination remote(URI uri, String display) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw refused("url", "url " + display + " names no host");
        }
        if (uri.getUserInfo() != null && uri.getUserInfo().contains(":")) {
            throw refused("url", "url " + display + " carries a password; credentials come from configuration "
                    + "(decisionlog.git.credentials), never from a URL that is stored and shown");
        }
        switch (scheme) {
            case "https", "ssh" -> { }
            case "http" -> {
                if (!hostAllowed(host) && !literalAllowed(host)) {
                    throw refused("url", "url " + display + " is cleartext http; http is allowed only to hosts "
                            + ALLOW_SETTING + " lists (use https)");
                }
            }
            default -> throw refused("url", "url " + display + " has scheme " + scheme
                    + "; allowed are https, ssh, http to listed hosts, and local paths under " + ROOTS_SETTING);
        }
        if (AddressRange.isRange(host.replace("[", "").replace("]", ""))) {
            resolve(host.replace("[", "").replace("]", ""));
        }
        return new Destination.Remote(scheme, host.toLowerCase(Locale.ROOT), uri.getPort(), display);
    }

    private Destination local(Path path, String display) {
        if (localRoots.isEmpty()) {
            throw refused("url", "local repository " + display + " is refused: local paths and file:// URLs are "
                    + "allowed only under the directories " + ROOTS_SETTING + " lists, and it lists none");
        }
        Path real;
        try {
            real = path.toAbsolutePath().toRealPath();
        } catch (IOException e) {
            throw refused("url", "local repository " + display + " does not exist");
        }
        if (localRoots.stream().noneMatch(real::startsWith)) {
            throw refused("url", "local repository " + display + " is outside the directories " + ROOTS_SETTING
                    + " lists");
        }
        if (!Files.isDirectory(real)) {
            throw refused("url", "local repository " + display + " is not a directory");
        }
        return new Destination.Local(real, display);
    }

    /**
     * A file on this server a registration names (a trust file: allowed signers), under the same local roots as a
     * local repository, and no larger than {@code maxBytes}.
     *
     * @throws BadRequest naming {@code field} and the rule it breaks
     */
    public Path localFile(String field, String path, long maxBytes) {
        if (path == null || path.isBlank() || path.length() > MAX_URL) {
            throw refused(field, field + " must be a path of at most " + MAX_URL + " characters");
        }
        if (localRoots.isEmpty()) {
            throw refused(field, field + " " + path + " is refused: files on this server are allowed only under the "
                    + "directories " + ROOTS_SETTING + " lists, and it lists none");
        }
        Path real;
        try {
            real = Path.of(path.trim()).toAbsolutePath().toRealPath();
        } catch (IOException | RuntimeException e) {
            throw refused(field, field + " " + path + " does not exist");
        }
        if (localRoots.stream().noneMatch(real::startsWith)) {
            throw refused(field, field + " " + path + " is outside the directories " + ROOTS_SETTING + " lists");
        }
        try {
            if (!Files.isRegularFile(real) || Files.size(real) > maxBytes) {
                throw refused(field, field + " " + path + " is not a regular file of at most " + maxBytes + " bytes");
            }
        } catch (IOException e) {
            throw refused(field, field + " " + path + " cannot be read");
        }
        return real;
    }

    /** {@code git@host:owner/name.git}: ssh in scp form (not a Windows drive, not a URL). */
    private static boolean isScpLike(String url) {
        int colon = url.indexOf(':');
        int slash = url.indexOf('/');
        return colon > 1 && !url.contains("://") && (slash < 0 || colon < slash);
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null) {
                throw refused("url", "url has no scheme");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw refused("url", "url is not a valid URL: " + e.getReason());
        }
    }

    private static String withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        String user = uri.getUserInfo().split(":", 2)[0];
        return uri.toString().replace(uri.getRawUserInfo() + "@", user.isEmpty() ? "" : user + "@");
    }

    private static Path realRoot(Path root) {
        try {
            return root.toAbsolutePath().toRealPath();
        } catch (IOException e) {
            return root.toAbsolutePath().normalize();
        }
    }

    private static BadRequest refused(String field, String message) {
        return new BadRequest(field, message);
    }
}

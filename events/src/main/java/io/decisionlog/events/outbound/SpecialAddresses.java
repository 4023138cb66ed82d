package io.decisionlog.events.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The addresses a fetch from a service must never reach unless the operator allows them: the host itself, the
 * cloud metadata service, the private network. Each range has a name, so a refusal can say which rule it hit.
 */
final class SpecialAddresses {
    record Named(String name, AddressRange range) {
    }

    private static final List<Named> RANGES = List.of(
            named("loopback", "127.0.0.0/8"), named("loopback", "::1/128"),
            named("unspecified", "0.0.0.0/8"), named("unspecified", "::/128"),
            named("link-local", "169.254.0.0/16"), named("link-local", "fe80::/10"),
            named("private", "10.0.0.0/8"), named("private", "172.16.0.0/12"), named("private", "192.168.0.0/16"),
            named("private", "fc00::/7"),
            named("carrier-grade NAT", "100.64.0.0/10"),
            named("IETF protocol assignments", "192.0.0.0/24"),
            named("benchmarking", "198.18.0.0/15"),
            named("multicast", "224.0.0.0/4"), named("multicast", "ff00::/8"),
            named("reserved", "240.0.0.0/4"));

    private SpecialAddresses() {
    }

    /** The rule the address falls under, looking inside IPv4-mapped and NAT64 IPv6 forms too. */
    static Optional<String> ruleFor(InetAddress address) {
        InetAddress checked = embeddedIpv4(address).orElse(address);
        return RANGES.stream().filter(named -> named.range().contains(checked)).map(Named::name).findFirst();
    }

    /** {@code ::ffff:10.0.0.1} and {@code 64:ff9b::10.0.0.1} reach 10.0.0.1. */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] bytes = address.getAddress();
        boolean mapped = allZero(bytes, 0, 10) && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
        boolean nat64 = bytes[0] == 0 && bytes[1] == 0x64 && bytes[2] == (byte) 0xff && bytes[3] == (byte) 0x9b
                && allZero(bytes, 4, 12);
        if (!mapped && !nat64) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Named named(String name, String cidr) {
        return new Named(name, AddressRange.parse(cidr));
    }
}

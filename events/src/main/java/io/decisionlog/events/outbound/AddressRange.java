package io.decisionlog.events.outbound;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** A CIDR block ({@code 10.0.0.0/8}, {@code fc00::/7}); a bare address is a block of one. */
public record AddressRange(InetAddress network, int prefix) {

    /** @throws IllegalArgumentException when the text is not an IP address or CIDR block (host names are not resolved) */
    public static AddressRange parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        InetAddress address = literal(slash < 0 ? trimmed : trimmed.substring(0, slash));
        int bits = address.getAddress().length * 8;
        int prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + bits);
        }
        return new AddressRange(address, prefix);
    }

    /** True when the text is an IP address or CIDR block rather than a host name. */
    public static boolean isRange(String text) {
        String head = text.trim().split("/", 2)[0];
        return head.contains(":") || head.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        byte[] base = network.getAddress();
        if (candidate.length != base.length) {
            return false;
        }
        int shift = base.length * 8 - prefix;
        return new BigInteger(1, candidate).shiftRight(shift).equals(new BigInteger(1, base).shiftRight(shift));
    }

    private static InetAddress literal(String text) {
        if (!isRange(text)) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        try {
            // a literal: getByName does not look anything up
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address", e);
        }
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefix;
    }
}

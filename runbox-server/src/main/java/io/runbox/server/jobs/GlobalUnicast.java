package io.runbox.server.jobs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses are global unicast, the only ones a callback may reach unless the operator allows private
 * targets. The rule, written once: an address in any range of the IANA IPv4 and IPv6 Special-Purpose Address
 * Registries (whether or not the registry calls it globally reachable), multicast, or IPv6 outside
 * {@code 2000::/3} is refused. IPv6 forms that embed an IPv4 address are judged by the address they embed
 * (IPv4-mapped {@code ::ffff:0:0/96}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) or refused outright
 * (IPv4-compatible {@code ::/96}, Teredo {@code 2001::/32} and the local-use NAT64 {@code 64:ff9b:1::/48}).
 */
final class GlobalUnicast {
    /** A special-purpose range: refused, with its registry name. */
    private record Range(String name, byte[] prefix, int bits) {
        static Range of(String cidr, String name) {
            int slash = cidr.indexOf('/');
            try {
                // Numeric literals only: never a DNS lookup.
                byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
                return new Range(name, prefix, Integer.parseInt(cidr.substring(slash + 1)));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e);
            }
        }

        boolean contains(byte[] address) {
            return address.length == prefix.length && matches(address, prefix, bits);
        }
    }

    /** The IANA IPv4 Special-Purpose Address Registry, plus multicast (IANA's multicast registry). */
    private static final List<Range> IPV4 = List.of(
            Range.of("0.0.0.0/8", "\"this network\""),
            Range.of("10.0.0.0/8", "private-use"),
            Range.of("100.64.0.0/10", "shared address space (carrier-grade NAT)"),
            Range.of("127.0.0.0/8", "loopback"),
            Range.of("169.254.0.0/16", "link-local"),
            Range.of("172.16.0.0/12", "private-use"),
            Range.of("192.0.0.0/24", "IETF protocol assignments"),
            Range.of("192.0.2.0/24", "documentation (TEST-NET-1)"),
            Range.of("192.31.196.0/24", "AS112-v4"),
            Range.of("192.52.193.0/24", "AMT"),
            Range.of("192.88.99.0/24", "deprecated 6to4 relay anycast"),
            Range.of("192.168.0.0/16", "private-use"),
            Range.of("192.175.48.0/24", "direct delegation AS112 service"),
            Range.of("198.18.0.0/15", "benchmarking"),
            Range.of("198.51.100.0/24", "documentation (TEST-NET-2)"),
            Range.of("203.0.113.0/24", "documentation (TEST-NET-3)"),
            Range.of("224.0.0.0/4", "multicast"),
            Range.of("255.255.255.255/32", "limited broadcast"),
            Range.of("240.0.0.0/4", "reserved"));

    /** The IANA IPv6 Special-Purpose Address Registry (the embedding forms are judged in code), plus the rest. */
    private static final List<Range> IPV6 = List.of(
            Range.of("::/128", "unspecified"),
            Range.of("::1/128", "loopback"),
            Range.of("::/96", "IPv4-compatible (deprecated)"),
            Range.of("64:ff9b:1::/48", "local-use IPv4/IPv6 translation"),
            Range.of("100::/64", "discard-only"),
            Range.of("100:0:0:1::/64", "dummy prefix"),
            Range.of("2001::/32", "Teredo"),
            Range.of("2001::/23", "IETF protocol assignments"),
            Range.of("2001:db8::/32", "documentation"),
            Range.of("2620:4f:8000::/48", "direct delegation AS112 service"),
            Range.of("3fff::/20", "documentation"),
            Range.of("5f00::/16", "segment routing SIDs"),
            Range.of("fc00::/7", "unique local"),
            Range.of("fe80::/10", "link-local"),
            Range.of("fec0::/10", "site-local (deprecated)"),
            Range.of("ff00::/8", "multicast"));

    private static final byte[] MAPPED = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};
    private static final byte[] NAT64 = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] SIX_TO_FOUR = {0x20, 0x02};
    private static final byte[] GLOBAL_V6 = {0x20};

    private GlobalUnicast() {
    }

    /** Why {@code address} is not global unicast (the special-purpose range it is in), or empty when it is. */
    static Optional<String> refusal(InetAddress address) {
        return Optional.ofNullable(judge(address.getAddress()));
    }

    private static String judge(byte[] a) {
        if (a.length == 4) {
            return IPV4.stream().filter(r -> r.contains(a)).map(Range::name).findFirst().orElse(null);
        }
        if (matches(a, MAPPED, 96)) {
            return embedded("IPv4-mapped", a, 12);
        }
        if (matches(a, NAT64, 96)) {
            return embedded("NAT64", a, 12);
        }
        if (matches(a, SIX_TO_FOUR, 16)) {
            return embedded("6to4", a, 2);
        }
        String special = IPV6.stream().filter(r -> r.contains(a)).map(Range::name).findFirst().orElse(null);
        if (special != null) {
            return special;
        }
        return matches(a, GLOBAL_V6, 3) ? null : "not in the global unicast space 2000::/3";
    }

    /** The IPv4 address at {@code offset}, judged as itself. */
    private static String embedded(String form, byte[] a, int offset) {
        String inner = judge(Arrays.copyOfRange(a, offset, offset + 4));
        return inner == null ? null : form + " form of a " + inner + " IPv4 address";
    }

    /** Whether the first {@code bits} bits of {@code address} are those of {@code prefix}. */
    private static boolean matches(byte[] address, byte[] prefix, int bits) {
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((address[i / 8] & mask) != (prefix[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}

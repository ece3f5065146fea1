package io.dagflow.handler.builtin;

import io.dagflow.handler.HandlerException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the {@code http} handler may send requests: host patterns chosen by whoever runs the
 * handler (a worker's operator, a Jenkins administrator), checked against the URL's host and
 * every address it resolves to, before the first request and before each redirect.
 *
 * <p>A pattern is {@code *} (any host on a public address), a host name ({@code api.example.com}),
 * a domain with its subdomains ({@code *.example.com}), an address ({@code 10.1.2.3}, {@code ::1})
 * or a range ({@code 10.0.0.0/8}, {@code fd00::/8}). Loopback, link-local (cloud metadata
 * services among them), private, unique-local, carrier-grade NAT, unspecified and multicast
 * addresses are internal: {@code *} never covers them, only a pattern that names the host, the
 * domain or the address does.
 *
 * <p>The client resolves the host again when it connects, so a name server that answers
 * differently the second time (DNS rebinding) is not stopped by this check; a network-level
 * egress rule is what stops that.
 */
public final class HttpDestinations {

    /** The pattern that allows every host on a public address. */
    public static final String ANY_PUBLIC = "*";

    private static final Pattern HOST_NAME = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern ADDRESS_LITERAL =
            Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9a-f:.]*:[0-9a-f:.]*");
    private static final HttpDestinations UNRESTRICTED = new HttpDestinations(null, List.of(), "");

    /** null when unrestricted. */
    private final List<String> patterns;
    private final List<AddressRange> ranges;
    private final String howToAllow;

    private HttpDestinations(List<String> patterns, List<AddressRange> ranges, String howToAllow) {
        this.patterns = patterns;
        this.ranges = ranges;
        this.howToAllow = howToAllow;
    }

    /** No restriction at all: internal addresses included. */
    public static HttpDestinations unrestricted() {
        return UNRESTRICTED;
    }

    /**
     * @param patterns the allowed destinations; blank entries are skipped, so none allows nothing
     * @param howToAllow the end of a refusal's message: how this host's users get a destination allowed
     * @throws IllegalArgumentException naming the first pattern that is not one
     */
    public static HttpDestinations of(List<String> patterns, String howToAllow) {
        List<String> names = new ArrayList<>();
        List<AddressRange> ranges = new ArrayList<>();
        for (String written : patterns) {
            String pattern = written.trim().toLowerCase(Locale.ROOT);
            if (pattern.isEmpty()) {
                continue;
            }
            if (pattern.equals(ANY_PUBLIC) || (HOST_NAME.matcher(pattern).matches() && !pattern.matches("[0-9.]+"))) {
                names.add(pattern);
            } else {
                ranges.add(AddressRange.parse(written.trim()));
            }
        }
        return new HttpDestinations(List.copyOf(names), List.copyOf(ranges), howToAllow);
    }

    /** Parses one pattern per line, as an administrator writes them in a text area. */
    public static HttpDestinations ofLines(String lines, String howToAllow) {
        return of(lines == null ? List.of() : List.of(lines.split("\\R")), howToAllow);
    }

    public boolean isUnrestricted() {
        return patterns == null;
    }

    /**
     * Resolves the URI's host and refuses it, permanently, unless every address it has is allowed.
     * A host that does not resolve is a retriable failure, as when the client cannot resolve it.
     */
    void check(URI uri, String description) throws HandlerException {
        if (isUnrestricted()) {
            return;
        }
        String host = uri.getHost();
        if (host == null) {
            throw HandlerException.permanent(description + " has no host");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw HandlerException.retriable(description + " failed: unknown host");
        }
        for (InetAddress address : addresses) {
            if (!allows(bare.toLowerCase(Locale.ROOT), address)) {
                String kind = internalKind(address);
                throw HandlerException.permanent(description + " is not an allowed destination: " + host
                        + (bare.equals(address.getHostAddress()) ? "" : " resolves to " + address.getHostAddress())
                        + (kind == null ? ", which no allowed host pattern matches" : ", a " + kind
                                + " address, which only a pattern naming it allows")
                        + howToAllow);
            }
        }
    }

    private boolean allows(String host, InetAddress address) {
        boolean internal = internalKind(address) != null;
        for (String pattern : patterns) {
            if (pattern.equals(ANY_PUBLIC) ? !internal : matchesName(pattern, host)) {
                return true;
            }
        }
        for (AddressRange range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    static boolean matchesName(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            return host.endsWith(pattern.substring(1));
        }
        return host.equals(pattern);
    }

    /** What makes an address internal, or null for a public one. */
    static String internalKind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            if (first == 0) {
                return "unspecified";
            }
            if (first == 100 && (second & 0xc0) == 64) {
                return "carrier-grade NAT";
            }
        } else if ((bytes[0] & 0xfe) == 0xfc) {
            return "unique-local";
        }
        return null;
    }

    /** An address or a CIDR range of addresses, of either family. */
    private record AddressRange(byte[] network, int prefixLength) {

        static AddressRange parse(String pattern) {
            int slash = pattern.indexOf('/');
            String address = slash < 0 ? pattern : pattern.substring(0, slash);
            if (!ADDRESS_LITERAL.matcher(address.toLowerCase(Locale.ROOT)).matches()) {
                throw new IllegalArgumentException("'" + pattern + "' is not a host pattern: use *, a host name,"
                        + " *.domain, an address or an address range such as 10.0.0.0/8");
            }
            byte[] bytes;
            try {
                // A literal address is parsed without any lookup.
                bytes = InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + pattern + "' is not an address");
            }
            int length = bytes.length * 8;
            if (slash >= 0) {
                try {
                    length = Integer.parseInt(pattern.substring(slash + 1));
                } catch (NumberFormatException e) {
                    length = -1;
                }
                if (length < 0 || length > bytes.length * 8) {
                    throw new IllegalArgumentException("'" + pattern + "' has a prefix length outside 0 to "
                            + bytes.length * 8);
                }
            }
            return new AddressRange(bytes, length);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int full = prefixLength / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[full] & mask) == (network[full] & mask);
        }
    }
}

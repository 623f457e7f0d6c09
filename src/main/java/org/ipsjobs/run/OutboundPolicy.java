package org.ipsjobs.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Which hosts upload jobs may fetch from. A URL's host is resolved and every address it resolves
 * to is checked: when an allow list is given, an address must match it; no address may match the
 * deny list. Rules are CIDR blocks ({@code 10.0.0.0/8}, {@code fe80::/10}), single addresses or host
 * names. By default everything is allowed except link-local addresses and the cloud metadata
 * endpoints, which a request must never be able to reach through the service.
 *
 * <p>The check is made before connecting; the HTTP client resolves the name again, so a name whose
 * answer changes between the two (DNS rebinding) is not caught. Deny by address range as well as by
 * name where that matters.
 */
public record OutboundPolicy(List<AddressRule> allow, List<AddressRule> deny) {

    /** Link-local ranges (where cloud metadata services answer) and the metadata host names. */
    public static final List<String> DEFAULT_DENY = List.of("169.254.0.0/16", "fe80::/10", "fd00:ec2::254/128",
            "100.100.100.200/32", "metadata.google.internal", "metadata", "0.0.0.0/8");

    public OutboundPolicy {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }

    /** The policy from rule texts; a text that is no rule is an IllegalArgumentException naming it. */
    public static OutboundPolicy of(List<String> allow, List<String> deny) {
        return new OutboundPolicy(allow.stream().map(AddressRule::parse).toList(),
                deny.stream().map(AddressRule::parse).toList());
    }

    public static OutboundPolicy defaults() {
        return of(List.of(), DEFAULT_DENY);
    }

    /**
     * Resolves the host and checks it.
     *
     * @return why the host is refused, or null when it may be fetched from
     * @throws UnknownHostException when the name does not resolve
     */
    public String refusal(String host) throws UnknownHostException {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        for (AddressRule rule : deny) {
            if (rule.matchesName(name)) {
                return "the host " + host + " is on the deny list (" + rule.text() + ")";
            }
        }
        InetAddress[] addresses = InetAddress.getAllByName(name);
        for (InetAddress address : addresses) {
            for (AddressRule rule : deny) {
                if (rule.matches(address)) {
                    return "the host " + host + " resolves to " + address.getHostAddress() + ", which the deny list"
                            + " refuses (" + rule.text() + ")";
                }
            }
            if (!allow.isEmpty() && allow.stream().noneMatch(r -> r.matches(address) || r.matchesName(host))) {
                return "the host " + host + " resolves to " + address.getHostAddress() + ", which is not on the"
                        + " allow list";
            }
        }
        return null;
    }

    /** One rule: an address block, or a host name. */
    public record AddressRule(String text, byte[] network, int prefix, String hostName) {

        public static AddressRule parse(String text) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                throw new IllegalArgumentException("an empty address rule");
            }
            int slash = t.indexOf('/');
            String address = slash >= 0 ? t.substring(0, slash) : t;
            if (isLiteral(address)) {
                byte[] bytes;
                try {
                    bytes = InetAddress.getByName(address).getAddress(); // a literal: no lookup happens
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException("'" + text + "' is not an address");
                }
                int prefix = bytes.length * 8;
                if (slash >= 0) {
                    try {
                        prefix = Integer.parseInt(t.substring(slash + 1));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + text + "' has no prefix length after '/'");
                    }
                    if (prefix < 0 || prefix > bytes.length * 8) {
                        throw new IllegalArgumentException("'" + text + "' has a prefix length out of range");
                    }
                }
                return new AddressRule(text.trim(), bytes, prefix, null);
            }
            if (slash >= 0 || !t.matches("[a-z0-9.-]+")) {
                throw new IllegalArgumentException("'" + text + "' is neither an address block nor a host name");
            }
            return new AddressRule(text.trim(), null, 0, t);
        }

        private static boolean isLiteral(String s) {
            return s.contains(":") || s.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        }

        boolean matchesName(String host) {
            return hostName != null && (host.equals(hostName) || host.endsWith("." + hostName));
        }

        boolean matches(InetAddress address) {
            if (network == null) {
                return false;
            }
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }
    }
}

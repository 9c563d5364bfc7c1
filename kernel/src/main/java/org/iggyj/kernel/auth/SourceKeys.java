package org.iggyj.kernel.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The "source" that throttles and connection limits count per: the peer's IPv4 address, or the /64
 * network of an IPv6 peer (one host commonly holds a whole /64, so counting single IPv6 addresses
 * would let it rotate past every limit). Ports never count. Stateless.
 */
public final class SourceKeys {

    private static final int IPV6_PREFIX_BYTES = 8;

    private SourceKeys() {
    }

    /**
     * @param remote a peer address, possibly unresolved
     * @return its source key, e.g. {@code 192.0.2.7} or {@code 2001:db8:0:1::/64}
     */
    public static String of(InetSocketAddress remote) {
        InetAddress address = remote == null ? null : remote.getAddress();
        if (address == null) {
            return remote == null ? "unknown" : remote.getHostString();
        }
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            StringBuilder key = new StringBuilder(24);
            for (int i = 0; i < IPV6_PREFIX_BYTES; i += 2) {
                key.append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF))).append(':');
            }
            return key.append(":/64").toString();
        }
        return address.getHostAddress();
    }
}

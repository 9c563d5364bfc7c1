package org.iggyj.client;

import java.util.ArrayList;
import java.util.List;

/**
 * One node a client may connect to: {@code host:port} of the transport in use.
 *
 * @param host host name or IP literal (an IPv6 literal without brackets)
 * @param port the transport's port
 */
public record NodeAddress(String host, int port) {

    /** @throws IllegalArgumentException when the port is out of range or the host empty */
    public NodeAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " of " + host + " is not in 1..65535");
        }
    }

    /**
     * @param address {@code host:port} ({@code [v6]:port} also accepted)
     * @return the address
     * @throws IllegalArgumentException naming the bad address when it is not {@code host:port}
     */
    public static NodeAddress parse(String address) {
        String a = address.strip();
        int colon = a.lastIndexOf(':');
        if (colon <= 0 || colon == a.length() - 1) {
            throw new IllegalArgumentException("address '" + a + "' is not HOST:PORT");
        }
        String host = a.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new NodeAddress(host, Integer.parseInt(a.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address '" + a + "' has no numeric port");
        }
    }

    /**
     * @param addresses one or more {@code host:port}, separated by commas (blanks around them ignored)
     * @return the addresses in the given order, duplicates removed
     * @throws IllegalArgumentException naming the first bad address, or when there is none
     */
    public static List<NodeAddress> parseList(String addresses) {
        List<NodeAddress> nodes = new ArrayList<>();
        for (String part : addresses.split(",")) {
            if (!part.isBlank()) {
                NodeAddress node = parse(part);
                if (!nodes.contains(node)) {
                    nodes.add(node);
                }
            }
        }
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no address in '" + addresses + "'");
        }
        return List.copyOf(nodes);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}

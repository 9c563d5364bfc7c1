package org.iggyj.transport.websocket;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Parses the {@code [websocket] address} setting: {@code host:port}, IPv6 hosts in brackets; port 0
 * asks for an ephemeral port.
 */
final class BindAddress {

    private BindAddress() {
    }

    /**
     * @param address the configured address
     * @return the resolved socket address
     * @throws IllegalArgumentException when the address cannot be parsed or resolved
     */
    static InetSocketAddress parse(String address) {
        String text = address.trim();
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("[websocket] address must be host:port, got '" + address + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("[websocket] address port out of range in '" + address + "'");
            }
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (NumberFormatException | UnknownHostException e) {
            throw new IllegalArgumentException("[websocket] address is not host:port: '" + address + "'", e);
        }
    }
}

package org.iggyj.spi;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Parses a listener's {@code address} setting: {@code host:port}, with IPv6 hosts in brackets
 * ({@code [::1]:8090}); port 0 asks for an ephemeral port. With {@code ipv6 = true} the IPv4
 * wildcard and loopback (the usual defaults) become their IPv6 equivalents, and any other IPv4 host
 * is refused rather than silently bound as IPv4. Shared by the stream transports (and any third-party
 * one) so every listener reads its address the same way and names its section in errors.
 */
public final class BindAddress {

    private BindAddress() {
    }

    /**
     * @param section the config section the address comes from ({@code tcp}, {@code kafka}, ...), named in errors
     * @param address the configured address
     * @param ipv6    whether the listener must be an IPv6 socket
     * @return the resolved socket address
     * @throws IllegalArgumentException when the address cannot be parsed or resolved
     */
    public static InetSocketAddress parse(String section, String address, boolean ipv6) {
        String text = address.trim();
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("[" + section + "] address must be host:port, got '" + address + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = port(section, address, text.substring(colon + 1));
        if (ipv6) {
            host = switch (host) {
                case "0.0.0.0" -> "::";
                case "127.0.0.1", "localhost" -> "::1";
                default -> host;
            };
        }
        InetAddress inet = resolve(section, address, host);
        if (ipv6 && inet.getAddress().length != 16) {
            throw new IllegalArgumentException("[" + section + "] ipv6 = true but address '" + address + "' is IPv4");
        }
        return new InetSocketAddress(inet, port);
    }

    private static int port(String section, String address, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("[" + section + "] address port out of range in '" + address + "'");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("[" + section + "] address has no numeric port: '" + address + "'", e);
        }
    }

    private static InetAddress resolve(String section, String address, String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(
                    "[" + section + "] address host cannot be resolved: '" + address + "'", e);
        }
    }
}

package org.iggyj.kernel.session;

import java.net.InetSocketAddress;
import org.iggyj.protocol.TransportKind;
import org.iggyj.spi.Session;

/**
 * One connected client: its id, address, transport and the user logged in on it.
 *
 * <p>Thread-safe: the user id is volatile, written by login/logout and read by every command.
 */
public final class ClientSession implements Session {

    /** User id reported for a session nobody is logged in on (u32::MAX, as Iggy does). */
    public static final long NO_USER = 0xFFFF_FFFFL;

    private final long clientId;
    private final InetSocketAddress remote;
    private final TransportKind transport;
    private volatile long userId = NO_USER;
    private volatile boolean closed;

    ClientSession(long clientId, InetSocketAddress remote, TransportKind transport) {
        this.clientId = clientId;
        this.remote = remote;
        this.transport = transport;
    }

    @Override
    public long clientId() {
        return clientId;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public TransportKind transport() {
        return transport;
    }

    @Override
    public boolean isAuthenticated() {
        return userId != NO_USER;
    }

    /**
     * @return the logged-in user's id, or {@link #NO_USER}
     */
    public long userId() {
        return userId;
    }

    /**
     * @param id the user now logged in on this session
     */
    public void login(long id) {
        this.userId = id;
    }

    /**
     * Forgets the logged-in user; the connection stays open.
     */
    public void logout() {
        this.userId = NO_USER;
    }

    /**
     * @return the peer address as Iggy renders it: {@code ip:port}, IPv6 in brackets
     */
    public String addressText() {
        return renderAddress(remote);
    }

    static String renderAddress(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return host + ":" + address.getPort();
    }

    boolean markClosed() {
        boolean wasOpen = !closed;
        closed = true;
        return wasOpen;
    }
}

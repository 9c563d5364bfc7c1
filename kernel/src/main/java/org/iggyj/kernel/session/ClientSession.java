package org.iggyj.kernel.session;

import java.net.InetSocketAddress;
import org.iggyj.protocol.TransportKind;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.iggyj.spi.ConnectionCloser;
import org.iggyj.spi.Session;

/**
 * One connected client: its id, address, transport and the user logged in on it.
 *
 * <p>Thread-safe: the user id is volatile, written by login/logout and read by every command.
 */
public final class ClientSession implements Session {

    /** User id reported for a session nobody is logged in on (u32::MAX, as Iggy does). */
    public static final long NO_USER = 0xFFFF_FFFFL;

    /** Source of {@link #serial()}: unique within the process, unlike client ids (hashes of addresses). */
    private static final AtomicLong SERIALS = new AtomicLong();

    private final long serial = SERIALS.incrementAndGet();

    private final long clientId;
    private final InetSocketAddress remote;
    private final TransportKind transport;
    private final boolean fileRegions;
    private volatile boolean appendOffsets;
    private volatile long userId = NO_USER;
    private volatile boolean closed;
    private volatile boolean stale;
    private volatile CompletionStage<?> groupsLeft = CompletableFuture.completedFuture(null);
    private volatile boolean joinedGroup;
    private volatile long lastHeartbeatNanos = System.nanoTime();
    private final long connectedNanos = System.nanoTime();
    private final AtomicReference<String> awaitingLoginFrom = new AtomicReference<>();
    private volatile UnauthenticatedConnections unauthenticated;
    private volatile ConnectionCloser closer;
    private volatile boolean loginExpired;
    private volatile boolean loginInProgress;
    private volatile long loginStartedNanos;

    ClientSession(long clientId, InetSocketAddress remote, TransportKind transport) {
        this(clientId, remote, transport, false);
    }

    ClientSession(long clientId, InetSocketAddress remote, TransportKind transport, boolean fileRegions) {
        this.clientId = clientId;
        this.remote = remote;
        this.transport = transport;
        this.fileRegions = fileRegions;
    }

    @Override
    public boolean acceptsFileRegions() {
        return fileRegions;
    }

    @Override
    public boolean receivesAppendOffsets() {
        return appendOffsets;
    }

    /** Makes successful sends answer their first offset; set once, before the session is handed out. */
    void reportAppendOffsets() {
        appendOffsets = true;
    }

    /** @return this session's number, unique within the process (names its consumer group memberships) */
    public long serial() {
        return serial;
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
        UnauthenticatedConnections tracker = unauthenticated;
        if (tracker != null) {
            tracker.release(this);
        }
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

    /**
     * Records a ping; the heartbeat reaper measures silence from the last one (or from connect).
     */
    public void heartbeat() {
        lastHeartbeatNanos = System.nanoTime();
    }

    /**
     * @return {@link System#nanoTime()} of the last ping, or of the connect
     */
    public long lastHeartbeatNanos() {
        return lastHeartbeatNanos;
    }

    /**
     * @return whether the heartbeat reaper gave up on this session; its authenticated commands
     *         then fail with 30 and the transport closes the connection
     */
    public boolean isStale() {
        return stale;
    }

    /**
     * @param left completes when this session has left its consumer groups; set before the
     *             session is marked stale, so that no client learns it is stale (error 30) while
     *             it is still listed as a member
     */
    void markStale(CompletionStage<?> left) {
        groupsLeft = left;
        stale = true;
    }

    /**
     * @return completes once a stale session has left its consumer groups (at once otherwise)
     */
    public CompletionStage<?> groupsLeft() {
        return groupsLeft;
    }

    /**
     * @return whether the transport has closed this session
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Notes that this session is about to join a consumer group. Set before the membership is
     * published, and read by the close path after {@code closed} is set, so a close racing a join
     * either sees this flag or the join sees {@code closed}.
     */
    public void markJoinedGroup() {
        joinedGroup = true;
    }

    /**
     * @return whether this session ever joined a consumer group (a cheap filter for disconnects)
     */
    public boolean hasJoinedGroup() {
        return joinedGroup;
    }

    /** @return {@link System#nanoTime()} when the session opened */
    long connectedNanos() {
        return connectedNanos;
    }

    void track(UnauthenticatedConnections tracker, ConnectionCloser connectionCloser) {
        this.unauthenticated = tracker;
        this.closer = connectionCloser;
    }

    /** Starts counting this session among those that have not logged in, under its source key. */
    void awaitLogin(String source) {
        awaitingLoginFrom.set(source);
    }

    /** @return the source key it was counted under, once; null when it was not (or no longer) counted */
    String stopAwaitingLogin() {
        return awaitingLoginFrom.getAndSet(null);
    }

    /** A password login is being checked (queued or hashing); the login timeout waits for its answer. */
    public void loginAttemptStarted() {
        loginStartedNanos = System.nanoTime();
        loginInProgress = true;
    }

    /** The password login's answer is out. */
    public void loginAttemptEnded() {
        loginInProgress = false;
    }

    /**
     * @param deadlineNanos when the login timeout ran out
     * @return whether a login check that began before the deadline is still running
     */
    boolean loginCheckRunningSince(long deadlineNanos) {
        return loginInProgress && loginStartedNanos - deadlineNanos <= 0;
    }

    /**
     * Marks the session as over its login timeout, unless it logged in meanwhile.
     *
     * @return whether it was marked (and must be closed)
     */
    boolean expireLogin() {
        if (isAuthenticated() || awaitingLoginFrom.get() == null) {
            return false;
        }
        loginExpired = true;
        return true;
    }

    /**
     * @return whether the session did not log in within the login timeout; the dispatcher then answers
     *         its commands with 40 and closes the connection (for transports that gave no closer)
     */
    public boolean isLoginExpired() {
        return loginExpired;
    }

    /** Asks the transport to end the connection, when it gave a way to. */
    void closeConnection(int errorCode, String reason) {
        ConnectionCloser c = closer;
        if (c != null) {
            c.close(errorCode, reason);
        }
    }

    boolean markClosed() {
        boolean wasOpen = !closed;
        closed = true;
        return wasOpen;
    }
}

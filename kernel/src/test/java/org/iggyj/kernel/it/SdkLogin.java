package org.iggyj.kernel.it;

import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.exception.IggyNotConnectedException;

/**
 * Logs the official SDK's TCP client in and waits until the SDK itself knows it is logged in: the one
 * place every module's tests do so (the kernel's in-process ITs, and through the kernel's test-jar the
 * distribution's ITs).
 *
 * <p>Why: SDK 0.8.0 ({@code AsyncTcpConnection}) sets its "authenticated" flag in an action on the login
 * reply's future that may run after {@code buildAndLogin()} or {@code login()} has returned (a waiting caller
 * can be woken before actions registered earlier), and it refuses, without sending anything, a command issued
 * in between ({@link IggyNotConnectedException}, "Not authenticated, call login first"). On a loaded machine
 * the first command after a login hit that window now and then (ClusterIT, RetentionIT in CI). The server is
 * not involved: so after the login a harmless read is repeated until the SDK sends it, and only that
 * client-side refusal is retried; anything the server answers is not.
 */
public final class SdkLogin {

    private static final long SETTLE_NS = 10_000_000_000L;
    private static final long RETRY_PAUSE_MS = 5;

    private SdkLogin() {
    }

    /**
     * @param port     a TCP port on loopback
     * @param username the user
     * @param password the password
     * @return a client the SDK considers logged in
     */
    public static IggyTcpClient login(int port, String username, String password) {
        return settled(IggyTcpClient.builder().host("127.0.0.1").port(port).credentials(username, password)
                .buildAndLogin());
    }

    /**
     * A client on exactly one connection, for consumer group members. Why: the SDK 0.8.0 sends each
     * command on a connection acquired from a pool and gives it back in a callback of the reply that
     * may run after the caller has already issued its next command, which then opens (and logs in)
     * another connection: a join and the polls after it can run on two connections, and the server
     * binds a membership to one of them (a poll on the other fails with 5006).
     *
     * @param port     a TCP port on loopback
     * @param username the user
     * @param password the password
     * @return a client the SDK considers logged in, with a pool of one connection
     */
    public static IggyTcpClient loginSingleConnection(int port, String username, String password) {
        return settled(IggyTcpClient.builder().host("127.0.0.1").port(port).connectionPoolSize(1)
                .credentials(username, password).buildAndLogin());
    }

    /**
     * Waits until a client that has just logged in (any builder: TLS, pool size...) is usable.
     *
     * @param client a client whose login returned
     * @return {@code client}, once the SDK sends its commands
     * @throws IggyNotConnectedException if the SDK still refuses after 10 s
     */
    public static IggyTcpClient settled(IggyTcpClient client) {
        long deadline = System.nanoTime() + SETTLE_NS;
        while (true) {
            try {
                client.system().getMe();
                return client;
            } catch (IggyNotConnectedException notYet) {
                if (System.nanoTime() - deadline > 0) {
                    throw notYet;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the SDK settled its login", e);
        }
    }
}

package org.iggyj.distribution;

import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.exception.IggyNotConnectedException;

/**
 * Logs the official SDK in and waits until the SDK itself knows it is logged in.
 *
 * <p>Why: the SDK 0.8.0 ({@code AsyncTcpConnection}) sets its "authenticated" flag in a callback of
 * the login reply that may run after {@code login()} has already returned to the caller, and it
 * refuses, without sending anything, a command issued in between: "Not authenticated, call login
 * first". On a loaded machine the first command after a login hit that window now and then (the
 * ClusterIT flake). The server is not involved: the refusal never leaves the client. So after the
 * login this helper repeats a harmless read until the SDK sends it; only that client-side refusal
 * is retried, anything the server answers is not.
 */
final class SdkLogin {

    private static final long SETTLE_MS = 10_000;

    private SdkLogin() {
    }

    /**
     * @param port     a TCP port on loopback
     * @param username the user
     * @param password the password
     * @return a client the SDK considers logged in
     */
    static IggyTcpClient login(int port, String username, String password) {
        return login(IggyTcpClient.builder().host("127.0.0.1").port(port).credentials(username, password));
    }

    /**
     * A client of one connection, for a consumer group member. The SDK 0.8.0 sends each command on
     * a connection of its pool (up to 5) and completes a reply before it gives the connection back,
     * so the command after a join may leave on a second connection, which the server sees as
     * another client, not a member (CONSUMER_GROUP_NOT_JOINED; seen in ClusterIT on a loaded CI
     * machine). Membership belongs to a connection, as in Iggy.
     *
     * @param port     a TCP port on loopback
     * @param username the user
     * @param password the password
     * @return a logged-in client that sends everything on one connection
     */
    static IggyTcpClient loginOneConnection(int port, String username, String password) {
        return login(IggyTcpClient.builder().host("127.0.0.1").port(port).credentials(username, password)
                .connectionPoolSize(1));
    }

    private static IggyTcpClient login(org.apache.iggy.client.blocking.tcp.IggyTcpClientBuilder builder) {
        IggyTcpClient client = builder.buildAndLogin();
        long deadline = System.nanoTime() + SETTLE_MS * 1_000_000;
        while (true) {
            try {
                client.system().getMe();
                return client;
            } catch (IggyNotConnectedException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                sleepBriefly();
            }
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the SDK settled its login", e);
        }
    }
}

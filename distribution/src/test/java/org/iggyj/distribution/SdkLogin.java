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
        return login(IggyTcpClient.builder().host("127.0.0.1").port(port).credentials(username, password)
                .buildAndLogin());
    }

    /**
     * A client on exactly one connection, for consumer group members. Why: the SDK 0.8.0 sends each
     * command on a connection acquired from a pool and gives it back in a callback of the reply that
     * may run after the caller has already issued its next command, which then opens (and logs in)
     * another connection: a join and the polls after it can run on two connections, and the server
     * binds a membership to one of them (a poll on the other fails with 5006). Seen in ClusterIT on a
     * loaded machine; single-node tests use one connection per member for the same reason.
     *
     * @param port     a TCP port on loopback
     * @param username the user
     * @param password the password
     * @return a client the SDK considers logged in, with a pool of one connection
     */
    static IggyTcpClient loginSingleConnection(int port, String username, String password) {
        return login(IggyTcpClient.builder().host("127.0.0.1").port(port).connectionPoolSize(1)
                .credentials(username, password).buildAndLogin());
    }

    private static IggyTcpClient login(IggyTcpClient client) {
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

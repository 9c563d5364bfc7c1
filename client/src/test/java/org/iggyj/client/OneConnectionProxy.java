package org.iggyj.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP proxy on a loopback port for one client connection in front of a real server; a subclass says how
 * the bytes of each direction are passed on. When either side closes, both are closed.
 */
abstract class OneConnectionProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int upstreamPort;
    private final String name;
    private volatile Socket client;
    private volatile Socket upstream;

    /**
     * @param upstreamPort the server's port on loopback
     * @param name         the proxy's thread names
     * @throws IOException if no port can be bound
     */
    OneConnectionProxy(int upstreamPort, String name) throws IOException {
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        this.name = name;
        Thread acceptor = new Thread(this::acceptOne, name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return the port the client connects to */
    final int port() {
        return listener.getLocalPort();
    }

    /**
     * Passes one direction's bytes on until {@code in} ends or the relay decides to stop.
     *
     * @param in      what one side sent
     * @param out     the other side
     * @param replies whether this is the server-to-client direction
     * @throws IOException          when either side closes
     * @throws InterruptedException if the relay's thread is interrupted while pacing
     */
    abstract void relay(InputStream in, OutputStream out, boolean replies) throws IOException, InterruptedException;

    private void acceptOne() {
        try {
            client = listener.accept();
            client.setTcpNoDelay(true);
            upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
            upstream.setTcpNoDelay(true);
            Thread up = new Thread(() -> pump(client, upstream, false), name + "-up");
            up.setDaemon(true);
            up.start();
            pump(upstream, client, true);
        } catch (IOException e) {
            close();
        }
    }

    private void pump(Socket from, Socket to, boolean replies) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            relay(in, out, replies);
        } catch (IOException | InterruptedException e) {
            // one side closed: the proxy closes both
        } finally {
            close();
        }
    }

    @Override
    public final void close() {
        for (AutoCloseable c : new AutoCloseable[] {client, upstream, listener}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // closing anyway
            }
        }
    }
}

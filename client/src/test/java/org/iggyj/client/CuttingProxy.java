package org.iggyj.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP proxy for one client connection in front of a real server, that can lose a reply: once
 * {@link #dropNextReply()} is called, the next bytes the server sends are swallowed and the client's
 * connection is closed, so the request they answer was applied but its client never learns it.
 */
final class CuttingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int upstreamPort;
    private volatile boolean dropNextReply;
    private volatile Socket client;
    private volatile Socket upstream;

    CuttingProxy(int upstreamPort) throws IOException {
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        Thread acceptor = new Thread(this::acceptOne, "cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    void dropNextReply() {
        dropNextReply = true;
    }

    private void acceptOne() {
        try {
            client = listener.accept();
            upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
            Thread up = new Thread(() -> pump(client, upstream, false), "cutting-proxy-up");
            up.setDaemon(true);
            up.start();
            pump(upstream, client, true);
        } catch (IOException e) {
            close();
        }
    }

    private void pump(Socket from, Socket to, boolean replies) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (replies && dropNextReply) {
                    break;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: the proxy closes both
        } finally {
            close();
        }
    }

    @Override
    public void close() {
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

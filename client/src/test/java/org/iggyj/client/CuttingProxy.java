package org.iggyj.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A TCP proxy for one client connection in front of a real server, that can lose a reply: once
 * {@link #dropNextReply()} is called, the next bytes the server sends are swallowed and the client's
 * connection is closed, so the request they answer was applied but its client never learns it.
 */
final class CuttingProxy extends OneConnectionProxy {

    private volatile boolean dropNextReply;

    CuttingProxy(int upstreamPort) throws IOException {
        super(upstreamPort, "cutting-proxy");
    }

    void dropNextReply() {
        dropNextReply = true;
    }

    @Override
    void relay(InputStream in, OutputStream out, boolean replies) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (replies && dropNextReply) {
                return;
            }
            out.write(buffer, 0, n);
            out.flush();
        }
    }
}

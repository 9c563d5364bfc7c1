package org.iggyj.kernel.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;

/**
 * Closes SDK clients in parallel: each close waits out its event loop's quiet period (about two
 * seconds), which adds up when a test uses several clients.
 */
final class SdkClients {

    private SdkClients() {
    }

    static void closeAll(IggyTcpClient... clients) {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (IggyTcpClient client : clients) {
            if (client != null) {
                closing.add(CompletableFuture.runAsync(client::close));
            }
        }
        CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).join();
    }
}

package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Frames for commands the official Java SDK 0.8.0 does not offer (delete_segments, purges,
 * flush_unsaved_buffer, get_snapshot, get_cluster_metadata), sent over a {@link RawConnection}.
 */
final class RawCommands {

    static final int GET_SNAPSHOT = 11;
    static final int GET_CLUSTER_METADATA = 12;
    static final int FLUSH_UNSAVED_BUFFER = 102;
    static final int PURGE_STREAM = 205;
    static final int PURGE_TOPIC = 305;
    static final int DELETE_SEGMENTS = 503;

    private RawCommands() {
    }

    /** A raw connection logged in as root. */
    static RawConnection rootConnection(TestServer server) throws IOException {
        RawConnection raw = new RawConnection(server.tcpAddress());
        assertEquals(0, raw.login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD).status());
        return raw;
    }

    private static ByteBuffer numericId(ByteBuffer p, long id) {
        return p.put((byte) 1).put((byte) 4).putInt((int) id);
    }

    static RawConnection.Reply deleteSegments(RawConnection raw, long stream, long topic, long partition, long count)
            throws IOException {
        ByteBuffer p = RawConnection.le(6 + 6 + 4 + 4);
        numericId(numericId(p, stream), topic).putInt((int) partition).putInt((int) count);
        return raw.call(DELETE_SEGMENTS, p.array());
    }

    static RawConnection.Reply purgeTopic(RawConnection raw, long stream, long topic) throws IOException {
        ByteBuffer p = RawConnection.le(12);
        numericId(numericId(p, stream), topic);
        return raw.call(PURGE_TOPIC, p.array());
    }

    static RawConnection.Reply purgeStream(RawConnection raw, long stream) throws IOException {
        ByteBuffer p = RawConnection.le(6);
        numericId(p, stream);
        return raw.call(PURGE_STREAM, p.array());
    }

    static RawConnection.Reply flush(RawConnection raw, long stream, long topic, long partition, boolean fsync)
            throws IOException {
        ByteBuffer p = RawConnection.le(6 + 6 + 4 + 1);
        numericId(numericId(p, stream), topic).putInt((int) partition).put((byte) (fsync ? 1 : 0));
        return raw.call(FLUSH_UNSAVED_BUFFER, p.array());
    }

    static RawConnection.Reply snapshot(RawConnection raw, int compression, int... types) throws IOException {
        ByteBuffer p = RawConnection.le(2 + types.length);
        p.put((byte) compression).put((byte) types.length);
        for (int t : types) {
            p.put((byte) t);
        }
        return raw.call(GET_SNAPSHOT, p.array());
    }
}

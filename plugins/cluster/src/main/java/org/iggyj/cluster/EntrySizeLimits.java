package org.iggyj.cluster;

import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;

/**
 * Sizes Ratis's limits on one log entry from {@code replication.max_coalesced_bytes}, and refuses at
 * start a combination Ratis would reject or that would fail coalesced sends at run time.
 *
 * <p>Design note: Ratis refuses an entry whose whole serialized size, state-machine data included,
 * passes {@code raft.server.log.appender.buffer.byte-limit} (4 MB by default), although that data is
 * never written into its log in {@code segments} mode; the log worker's direct write buffer ({@code
 * raft.server.log.write.buffer.size}) must hold that limit plus 8 bytes, and gRPC's largest message
 * ({@code raft.grpc.message.size.max}, 64 MB) must pass it by 1 MB, or Ratis does not start. So the
 * byte limit follows the key (never below Ratis's default, so single sends up to 4 MB keep working),
 * the write buffer follows the limit, and gRPC's maximum is left to Ratis and checked.
 */
final class EntrySizeLimits {

    /** A coalesced entry's logged part: 1,024 send headers of 80 bytes and its own 8. */
    static final long COALESCED_HEADERS = 1024 * 80 + 8;
    /** Ratis's own fields around the state machine's bytes (term, index, client and call ids, tags). */
    static final long PROTO_ROOM = 64 << 10;
    private static final long GRPC_GAP = SizeInBytes.ONE_MB.getSize();

    private EntrySizeLimits() {
    }

    /**
     * @param maxCoalescedBytes {@code replication.max_coalesced_bytes}; 0 leaves Ratis's defaults
     * @return the appender byte limit an entry of that many message bytes needs
     */
    static long byteLimitFor(long maxCoalescedBytes) {
        long byDefault = RaftServerConfigKeys.Log.Appender.BUFFER_BYTE_LIMIT_DEFAULT.getSize();
        return maxCoalescedBytes <= 0 ? byDefault : Math.max(byDefault, maxCoalescedBytes + COALESCED_HEADERS + PROTO_ROOM);
    }

    /**
     * Sets the byte limit and the write buffer for entries of up to {@code maxCoalescedBytes} of messages.
     *
     * @param props             Ratis's properties, before the operator's {@code -Draft.*} overrides
     * @param maxCoalescedBytes {@code replication.max_coalesced_bytes}; 0 leaves Ratis's defaults
     */
    static void applyTo(RaftProperties props, long maxCoalescedBytes) {
        if (maxCoalescedBytes <= 0) {
            return;
        }
        long limit = byteLimitFor(maxCoalescedBytes);
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(props, SizeInBytes.valueOf(limit));
        long buffer = Math.max(RaftServerConfigKeys.Log.WRITE_BUFFER_SIZE_DEFAULT.getSize(), limit + 8);
        RaftServerConfigKeys.Log.setWriteBufferSize(props, SizeInBytes.valueOf(buffer));
    }

    /**
     * Checks the settings in effect (the operator's overrides included).
     *
     * @param props             Ratis's properties as the server will get them
     * @param maxCoalescedBytes {@code replication.max_coalesced_bytes}
     * @throws IllegalArgumentException naming the key to change, when Ratis would refuse to start or
     *                                  refuse a coalesced entry of that size
     */
    static void check(RaftProperties props, long maxCoalescedBytes) {
        long limit = RaftServerConfigKeys.Log.Appender.bufferByteLimit(props).getSize();
        long needed = byteLimitFor(maxCoalescedBytes);
        if (maxCoalescedBytes > 0 && limit < needed) {
            throw new IllegalArgumentException("[cluster.replication] max_coalesced_bytes = " + maxCoalescedBytes
                    + " needs " + RaftServerConfigKeys.Log.Appender.BUFFER_BYTE_LIMIT_KEY + " >= " + needed
                    + ", but it is set to " + limit + ": lower max_coalesced_bytes or drop that override");
        }
        long grpcMax = GrpcConfigKeys.messageSizeMax(props, null).getSize();
        if (limit + GRPC_GAP > grpcMax) {
            throw new IllegalArgumentException("[cluster.replication] max_coalesced_bytes = " + maxCoalescedBytes
                    + " makes Raft entries of up to " + limit + " bytes, more than "
                    + GrpcConfigKeys.MESSAGE_SIZE_MAX_KEY + " (" + grpcMax + ") less 1 MB allows: lower it to at most "
                    + (grpcMax - GRPC_GAP - COALESCED_HEADERS - PROTO_ROOM) + " bytes");
        }
        long buffer = RaftServerConfigKeys.Log.writeBufferSize(props).getSize();
        if (buffer < limit + 8) {
            throw new IllegalArgumentException(RaftServerConfigKeys.Log.WRITE_BUFFER_SIZE_KEY + " (" + buffer
                    + ") must be at least " + RaftServerConfigKeys.Log.Appender.BUFFER_BYTE_LIMIT_KEY + " + 8 ("
                    + (limit + 8) + ")");
        }
    }
}

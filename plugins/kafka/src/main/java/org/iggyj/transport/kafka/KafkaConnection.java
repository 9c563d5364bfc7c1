package org.iggyj.transport.kafka;

import io.netty.buffer.ByteBuf;
import io.netty.util.internal.PlatformDependent;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Kafka client connection's state: its kernel session (through {@link IggyCalls}) and where it is
 * in SASL authentication, and the pooled buffers its current response carries. Confined to the
 * connection's event loop.
 */
final class KafkaConnection {

    private final KafkaBroker broker;
    private final IggyCalls iggy;
    private final InetSocketAddress remote;
    private final List<ByteBuf> responseBuffers = new ArrayList<>();
    private boolean handshakeDone;
    private boolean authenticated;
    /** Per topic and partition, the Kafka bytes per record of this connection's last read of it. */
    private final Map<String, int[]> recordBytesSeen = new HashMap<>();

    KafkaConnection(KafkaBroker broker, IggyCalls iggy, InetSocketAddress remote) {
        this.broker = broker;
        this.iggy = iggy;
        this.remote = remote;
    }

    KafkaBroker broker() {
        return broker;
    }

    IggyCalls iggy() {
        return iggy;
    }

    /**
     * @return the average Kafka record size of this connection's last Fetch read of the partition (a first
     *         guess before one); see {@link PartitionReads}
     */
    int recordBytesSeen(String topic, int partition) {
        int[] sizes = recordBytesSeen.get(topic);
        return sizes != null && partition < sizes.length && sizes[partition] > 0 ? sizes[partition]
                : PartitionReads.FIRST_RECORD_GUESS;
    }

    void recordBytesSeen(String topic, int partition, int bytesPerRecord) {
        int[] sizes = recordBytesSeen.get(topic);
        if (sizes == null || partition >= sizes.length) {
            int[] grown = new int[Math.max(partition + 1, sizes == null ? 1 : sizes.length * 2)];
            if (sizes != null) {
                System.arraycopy(sizes, 0, grown, 0, sizes.length);
            }
            sizes = grown;
            recordBytesSeen.put(topic, sizes);
        }
        sizes[partition] = Math.max(PartitionReads.SMALLEST_RECORD, bytesPerRecord);
    }

    /**
     * @return a pooled buffer of {@code capacity} bytes (its maximum too) for data the current response
     *         carries (a Fetch's record batches): it stays valid until the response is written
     */
    ByteBuf responseBuffer(int capacity) {
        ByteBuf buffer = broker.alloc().directBuffer(capacity, capacity);
        responseBuffers.add(buffer);
        return buffer;
    }

    /**
     * @return a retained slice of the current response's pooled buffer that holds exactly {@code bytes}
     *         (its position to its limit), or null when they lie in none of them
     */
    ByteBuf retainedSliceOf(ByteBuffer bytes) {
        return retainedSliceOf(responseBuffers, bytes);
    }

    /** @see #retainedSliceOf(ByteBuffer) */
    static ByteBuf retainedSliceOf(List<ByteBuf> buffers, ByteBuffer bytes) {
        if (!bytes.isDirect() || !PlatformDependent.hasUnsafe()) {
            return null;
        }
        long address = PlatformDependent.directBufferAddress(bytes) + bytes.position();
        for (ByteBuf buffer : buffers) {
            if (buffer.hasMemoryAddress()) {
                long start = buffer.memoryAddress();
                if (address >= start && address + bytes.remaining() <= start + buffer.capacity()) {
                    return buffer.retainedSlice((int) (address - start), bytes.remaining());
                }
            }
        }
        return null;
    }

    /** Called once the current response is written (or dropped): frees its buffers. */
    void responseDone() {
        responseBuffers.forEach(ByteBuf::release);
        responseBuffers.clear();
    }

    /** @return the client's host, as DescribeGroups reports it */
    String clientHost() {
        return "/" + remote.getAddress().getHostAddress();
    }

    boolean handshakeDone() {
        return handshakeDone;
    }

    void handshakeDone(boolean done) {
        handshakeDone = done;
    }

    boolean authenticated() {
        return authenticated;
    }

    void authenticated(boolean value) {
        authenticated = value;
    }
}

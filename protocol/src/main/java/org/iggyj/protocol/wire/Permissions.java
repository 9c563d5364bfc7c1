package org.iggyj.protocol.wire;

import io.netty.buffer.ByteBuf;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;

/**
 * A user's permissions: 10 global rights plus per-stream (and per-topic) grants.
 *
 * <pre>
 * 10 bools               the global components, in order
 * has_streams bool
 * per stream:  stream_id u32, 6 bools, has_topics bool,
 *              per topic: topic_id u32, 4 bools, has_next_topic bool
 *              has_next_stream bool
 * </pre>
 *
 * Streams and topics are written in ascending id order; decoding treats any non-zero byte as true.
 * Commands and responses embed the block behind a {@code u32} length, checked by {@link #read(ByteBuf, int)}.
 *
 * @param manageServers manage the server (implies readServers)
 * @param readServers   read stats, clients
 * @param manageUsers   manage users (implies readUsers)
 * @param readUsers     read users
 * @param manageStreams manage every stream and topic, send everywhere
 * @param readStreams   read every stream and topic, poll everywhere
 * @param manageTopics  manage every topic
 * @param readTopics    read every topic
 * @param pollMessages  poll from every topic
 * @param sendMessages  send to every topic
 * @param streams       per-stream grants by stream id, sorted ascending (copied, unmodifiable)
 */
public record Permissions(boolean manageServers, boolean readServers, boolean manageUsers, boolean readUsers,
                          boolean manageStreams, boolean readStreams, boolean manageTopics, boolean readTopics,
                          boolean pollMessages, boolean sendMessages, SortedMap<Long, StreamPermissions> streams) {

    private static final Permissions ALL = new Permissions(true, true, true, true, true, true, true, true,
            true, true, new TreeMap<>());

    /** Copies the stream map into a sorted, unmodifiable one. */
    public Permissions {
        streams = sortedCopy(streams);
    }

    /** @return every global right, as the root user has */
    public static Permissions all() {
        return ALL;
    }

    static <V> SortedMap<Long, V> sortedCopy(Map<Long, V> map) {
        return Collections.unmodifiableSortedMap(map == null ? new TreeMap<>() : new TreeMap<>(map));
    }

    /** @return bytes {@link #write(ByteBuf)} writes */
    public int encodedLength() {
        int length = 11;
        for (StreamPermissions s : streams.values()) {
            length += 4 + 6 + 1 + 1 + s.topics().size() * (4 + 4 + 1);
        }
        return length;
    }

    /** Writes the block (without a length prefix) at the writer index. */
    public void write(ByteBuf out) {
        bools(out, manageServers, readServers, manageUsers, readUsers, manageStreams);
        bools(out, readStreams, manageTopics, readTopics, pollMessages, sendMessages);
        out.writeByte(streams.isEmpty() ? 0 : 1);
        int streamsLeft = streams.size();
        for (Map.Entry<Long, StreamPermissions> e : streams.entrySet()) {
            StreamPermissions s = e.getValue();
            out.writeIntLE(e.getKey().intValue());
            bools(out, s.manageStream(), s.readStream(), s.manageTopics(), s.readTopics(), s.pollMessages());
            out.writeByte(s.sendMessages() ? 1 : 0);
            out.writeByte(s.topics().isEmpty() ? 0 : 1);
            int topicsLeft = s.topics().size();
            for (Map.Entry<Long, TopicPermissions> t : s.topics().entrySet()) {
                TopicPermissions p = t.getValue();
                out.writeIntLE(t.getKey().intValue());
                bools(out, p.manageTopic(), p.readTopic(), p.pollMessages(), p.sendMessages());
                out.writeByte(--topicsLeft > 0 ? 1 : 0);
            }
            out.writeByte(--streamsLeft > 0 ? 1 : 0);
        }
    }

    /**
     * Reads a block that must occupy exactly {@code length} bytes, consuming them.
     *
     * @param buf    source, from the reader index
     * @param length the declared size
     * @return the permissions
     * @throws IggyException {@link ErrorCode#INVALID_COMMAND} when fewer than {@code length} bytes are left,
     *                       {@link ErrorCode#INVALID_FORMAT} when the block decodes to another size
     */
    public static Permissions read(ByteBuf buf, int length) {
        if (length < 0) {
            throw new IggyException(ErrorCode.INVALID_FORMAT, "negative permissions length");
        }
        WireReader.require(buf, length, "permissions");
        ByteBuf block = buf.readSlice(length);
        Permissions p;
        try {
            p = readBlock(block);
        } catch (IggyException e) {
            throw new IggyException(ErrorCode.INVALID_FORMAT, "permissions longer than declared " + length);
        }
        if (block.isReadable()) {
            throw new IggyException(ErrorCode.INVALID_FORMAT, "permissions shorter than declared " + length);
        }
        return p;
    }

    private static Permissions readBlock(ByteBuf b) {
        boolean[] g = new boolean[10];
        for (int i = 0; i < g.length; i++) {
            g[i] = WireReader.bool(b);
        }
        SortedMap<Long, StreamPermissions> streams = new TreeMap<>();
        boolean more = WireReader.bool(b);
        while (more) {
            long streamId = WireReader.u32(b);
            boolean[] s = new boolean[6];
            for (int i = 0; i < s.length; i++) {
                s[i] = WireReader.bool(b);
            }
            SortedMap<Long, TopicPermissions> topics = new TreeMap<>();
            boolean moreTopics = WireReader.bool(b);
            while (moreTopics) {
                long topicId = WireReader.u32(b);
                topics.put(topicId, new TopicPermissions(WireReader.bool(b), WireReader.bool(b),
                        WireReader.bool(b), WireReader.bool(b)));
                moreTopics = WireReader.bool(b);
            }
            streams.put(streamId, new StreamPermissions(s[0], s[1], s[2], s[3], s[4], s[5], topics));
            more = WireReader.bool(b);
        }
        return new Permissions(g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9], streams);
    }

    private static void bools(ByteBuf out, boolean... values) {
        for (boolean v : values) {
            out.writeByte(v ? 1 : 0);
        }
    }
}

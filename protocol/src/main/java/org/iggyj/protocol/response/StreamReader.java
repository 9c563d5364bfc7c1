package org.iggyj.protocol.response;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.iggyj.protocol.wire.WireReader;

/**
 * Reads Stream and StreamDetails records (binary-protocol.md §5.1), the mirror of
 * {@link ResponseWriter#stream}. Stateless; reads from the buffer's reader index without releasing it.
 */
public final class StreamReader {

    private StreamReader() {
    }

    /**
     * One stream record.
     *
     * @param id            stream id
     * @param createdAtUs   creation time, microseconds since the epoch
     * @param topicsCount   topics
     * @param sizeBytes     bytes stored
     * @param messagesCount messages stored
     * @param name          name
     */
    public record Stream(long id, long createdAtUs, long topicsCount, long sizeBytes, long messagesCount,
                         String name) {
    }

    /**
     * @param stream the stream
     * @param topics its topics, in reply order
     */
    public record StreamDetails(Stream stream, List<TopicReader.Topic> topics) {
    }

    /** @return the next stream record */
    public static Stream stream(ByteBuf in) {
        return new Stream(in.readUnsignedIntLE(), in.readLongLE(), in.readUnsignedIntLE(), in.readLongLE(),
                in.readLongLE(), WireReader.name(in));
    }

    /** @return every stream record left in the buffer */
    public static List<Stream> streams(ByteBuf in) {
        List<Stream> list = new ArrayList<>();
        while (in.isReadable()) {
            list.add(stream(in));
        }
        return list;
    }

    /** @return a stream record followed by its topic records */
    public static StreamDetails details(ByteBuf in) {
        Stream stream = stream(in);
        return new StreamDetails(stream, TopicReader.topics(in));
    }
}

package org.iggyj.protocol.wire;

import io.netty.buffer.ByteBuf;
import java.util.Objects;
import org.iggyj.protocol.IggyException;

/**
 * The reader of a poll or offset command: {@code kind u8} then an {@link Identifier}.
 *
 * @param kind consumer or consumer group
 * @param id   the consumer id, or the group's id or name
 */
public record Consumer(ConsumerKind kind, Identifier id) {

    /** Rejects nulls. */
    public Consumer {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    /** @return a single consumer */
    public static Consumer consumer(Identifier id) {
        return new Consumer(ConsumerKind.CONSUMER, id);
    }

    /** @return a consumer group */
    public static Consumer group(Identifier id) {
        return new Consumer(ConsumerKind.CONSUMER_GROUP, id);
    }

    /** @return the encoded size */
    public int encodedLength() {
        return 1 + id.encodedLength();
    }

    /** Writes at the writer index. */
    public void write(ByteBuf out) {
        out.writeByte(kind.code());
        id.write(out);
    }

    /**
     * @throws IggyException 3 for an unknown kind or truncation, else as {@link Identifier#read(ByteBuf)}
     */
    public static Consumer read(ByteBuf buf) {
        ConsumerKind kind = ConsumerKind.fromCode(WireReader.u8(buf));
        return new Consumer(kind, Identifier.read(buf));
    }
}

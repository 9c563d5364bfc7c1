package org.iggyj.transport.kafka;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.nio.ByteBuffer;
import java.util.function.Function;
import org.apache.kafka.common.protocol.Writable;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;

/**
 * Kafka's generated message classes writing straight into a Netty buffer, so a response is copied once,
 * into the buffer the socket writes, instead of first into a heap buffer of its own. Record batches that
 * already lie in a pooled buffer (a Fetch's, built by {@link PartitionReads}) are not copied at all: the
 * response becomes a composite of what was written so far, a retained slice of the batch's buffer, and
 * what follows. Varints as Kafka encodes them (unsigned LEB128, zigzag for signed). Not thread-safe; one
 * per response.
 */
final class ByteBufWritable implements Writable {

    /** Batches smaller than this are copied: a composite component costs more than copying a few KiB. */
    static final int ZERO_COPY_MIN_BYTES = 64 * 1024;

    private final ByteBufAllocator alloc;
    private final Function<ByteBuffer, ByteBuf> pooledSlices;
    private ByteBuf out;
    private CompositeByteBuf whole;

    /** Writes everything into {@code out}, record batches included. */
    ByteBufWritable(ByteBuf out) {
        this(out, null, bytes -> null);
    }

    /**
     * @param out          where writing starts
     * @param alloc        allocates the buffer for what follows a batch taken without copying
     * @param pooledSlices a retained slice of the pooled buffer holding exactly these bytes, or null when
     *                     they lie in no such buffer (then they are copied)
     */
    ByteBufWritable(ByteBuf out, ByteBufAllocator alloc, Function<ByteBuffer, ByteBuf> pooledSlices) {
        this.out = out;
        this.alloc = alloc;
        this.pooledSlices = pooledSlices;
    }

    /** @return everything written: the start buffer, or a composite when batches were taken without copying */
    ByteBuf written() {
        if (whole == null) {
            return out;
        }
        whole.addComponent(true, out);
        return whole;
    }

    @Override
    public void writeRecords(BaseRecords records) {
        if (alloc != null && records instanceof MemoryRecords memory && memory.sizeInBytes() >= ZERO_COPY_MIN_BYTES) {
            ByteBuf slice = pooledSlices.apply(memory.buffer());
            if (slice != null) {
                if (whole == null) {
                    whole = alloc.compositeDirectBuffer(Integer.MAX_VALUE);
                }
                whole.addComponent(true, out);
                whole.addComponent(true, slice);
                out = alloc.ioBuffer(256);
                return;
            }
        }
        Writable.super.writeRecords(records);
    }

    /** Releases what was written, when the response cannot be sent. */
    void release() {
        written().release();
    }

    @Override
    public void writeByte(byte val) {
        out.writeByte(val);
    }

    @Override
    public void writeShort(short val) {
        out.writeShort(val);
    }

    @Override
    public void writeInt(int val) {
        out.writeInt(val);
    }

    @Override
    public void writeLong(long val) {
        out.writeLong(val);
    }

    @Override
    public void writeDouble(double val) {
        out.writeDouble(val);
    }

    @Override
    public void writeByteArray(byte[] arr) {
        out.writeBytes(arr);
    }

    @Override
    public void writeUnsignedVarint(int i) {
        int value = i;
        while ((value & 0xFFFFFF80) != 0) {
            out.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    @Override
    public void writeByteBuffer(ByteBuffer buf) {
        out.writeBytes(buf.duplicate());
    }

    @Override
    public void writeVarint(int i) {
        writeUnsignedVarint((i << 1) ^ (i >> 31));
    }

    @Override
    public void writeVarlong(long i) {
        long value = (i << 1) ^ (i >> 63);
        while ((value & 0xFFFFFFFFFFFFFF80L) != 0L) {
            out.writeByte(((int) value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte((int) value);
    }
}

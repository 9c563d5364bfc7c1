package org.iggyj.transport.kafka;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.Writable;

/**
 * Kafka's generated message classes writing straight into a Netty buffer, so a response (a Fetch's
 * record batches among it) is copied once, into the buffer the socket writes, instead of first into a
 * heap buffer of its own. Varints as Kafka encodes them (unsigned LEB128, zigzag for signed). Not
 * thread-safe; one per response.
 */
final class ByteBufWritable implements Writable {

    private final ByteBuf out;

    ByteBufWritable(ByteBuf out) {
        this.out = out;
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

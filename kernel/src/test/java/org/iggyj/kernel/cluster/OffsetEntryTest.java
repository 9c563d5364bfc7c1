package org.iggyj.kernel.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.ByteBuffer;
import org.iggyj.kernel.command.OffsetChanges;
import org.iggyj.kernel.storage.ConsumerOffsetKind;
import org.junit.jupiter.api.Test;

class OffsetEntryTest {

    @Test
    void shouldTravelThroughAReplicatedEntryUnchanged() {
        for (OffsetChanges.Op op : OffsetChanges.Op.values()) {
            OffsetEntry change = new OffsetEntry(new OffsetChanges.Target(4_000_000_000L, 7, 2,
                    ConsumerOffsetKind.GROUP, 0xFFFF_FFFF_FFL), op, 1L << 40);
            ByteBuf payload = change.encode(UnpooledByteBufAllocator.DEFAULT);
            ByteBuf entry = ReplicatedEntry.encode(UnpooledByteBufAllocator.DEFAULT, OffsetEntry.CODE, 0, 1, 2, 0, 3,
                    null, payload);
            ReplicatedEntry decoded = ReplicatedEntry.decode(entry.nioBuffer());
            assertEquals(OffsetEntry.CODE, decoded.code());
            assertEquals(change, OffsetEntry.decode(decoded.payload()));
            payload.release();
            entry.release();
        }
        OffsetEntry regular = new OffsetEntry(new OffsetChanges.Target(0, 0, 0, ConsumerOffsetKind.CONSUMER, 8),
                OffsetChanges.Op.AUTO_COMMIT, 149);
        ByteBuf payload = regular.encode(UnpooledByteBufAllocator.DEFAULT);
        assertEquals(OffsetEntry.LENGTH, payload.readableBytes());
        assertEquals(regular, OffsetEntry.decode(payload.nioBuffer()));
        payload.release();
    }

    @Test
    void shouldRefuseWhatIsNotAnOffsetChange() {
        assertThrows(IllegalArgumentException.class, () -> OffsetEntry.decode(ByteBuffer.allocate(5)));
        ByteBuffer badOp = ByteBuffer.allocate(OffsetEntry.LENGTH);
        badOp.put(13, (byte) 9);
        assertThrows(IllegalArgumentException.class, () -> OffsetEntry.decode(badOp));
    }
}

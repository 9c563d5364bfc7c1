package org.iggyj.kernel.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.ByteBuffer;
import org.iggyj.kernel.metadata.MemberKey;
import org.junit.jupiter.api.Test;

class MembershipEntryTest {

    @Test
    void shouldTravelThroughAReplicatedEntryUnchanged() {
        for (MembershipEntry.Op op : MembershipEntry.Op.values()) {
            MembershipEntry change = new MembershipEntry(op, 4_000_000_000L, 7, 3,
                    new MemberKey("nöde-2", -5_000_000_000L, 1L << 40));
            ByteBuf payload = change.encode(UnpooledByteBufAllocator.DEFAULT);
            ByteBuf entry = ReplicatedEntry.encode(UnpooledByteBufAllocator.DEFAULT, MembershipEntry.CODE, 0, 1, 2, 0,
                    3, null, payload);
            ReplicatedEntry decoded = ReplicatedEntry.decode(entry.nioBuffer());
            assertEquals(MembershipEntry.CODE, decoded.code());
            assertEquals(change, MembershipEntry.decode(decoded.payload()));
            payload.release();
            entry.release();
        }
    }

    @Test
    void shouldRefuseWhatIsNotAMembershipChange() {
        assertThrows(IllegalArgumentException.class, () -> MembershipEntry.decode(ByteBuffer.allocate(5)));
        ByteBuffer badOp = ByteBuffer.allocate(40);
        badOp.put(0, (byte) MembershipEntry.Op.values().length);
        assertThrows(IllegalArgumentException.class, () -> MembershipEntry.decode(badOp));
        ByteBuffer truncatedName = ByteBuffer.allocate(31);
        truncatedName.put(29, (byte) 4);
        assertThrows(IllegalArgumentException.class, () -> MembershipEntry.decode(truncatedName));
    }
}

package org.iggyj.kernel.partition;

import io.netty.buffer.ByteBuf;
import org.iggyj.kernel.storage.MessageFrame;

/**
 * Drops messages whose client-chosen id a partition has already accepted (server-semantics §3.10),
 * before offsets are assigned, so the surviving messages get dense offsets. Id 0 asks the server for
 * a random id and is never a duplicate (nor remembered: a random UUID cannot repeat).
 *
 * <p>The batch is compacted in place: surviving messages are moved down over the dropped ones and the
 * writer index is lowered; nothing is allocated per message.
 *
 * <p>Not thread-safe: used by the partition's owner shard only. The memory is lost at restart, as in 0.8.
 */
final class MessageDeduplicator {

    private static final int ID_HIGH_OFFSET = MessageFrame.ID_OFFSET + Long.BYTES;

    private final MessageIdCache seen;
    private int addedByLastFilter;

    MessageDeduplicator(DeduplicationConfig config) {
        this.seen = new MessageIdCache(config.maxEntries(), config.expiryUs());
    }

    /**
     * Removes duplicates from {@code count} validated messages laid out from the reader index to the
     * writer index, and remembers the ids of the others.
     *
     * @return how many messages remain (0 when all were duplicates)
     */
    int filter(ByteBuf messages, int count, long nowUs) {
        int read = messages.readerIndex();
        int write = read;
        int kept = 0;
        int added = 0;
        for (int i = 0; i < count; i++) {
            int length = (int) MessageFrame.length(messages, read);
            long low = messages.getLongLE(read + MessageFrame.ID_OFFSET);
            long high = messages.getLongLE(read + ID_HIGH_OFFSET);
            boolean serverAssigned = low == 0 && high == 0;
            boolean fresh = !serverAssigned && seen.addIfAbsent(low, high, nowUs);
            if (fresh) {
                added++;
            }
            if (serverAssigned || fresh) {
                if (write != read) {
                    moveDown(messages, read, write, length);
                }
                write += length;
                kept++;
            }
            read += length;
        }
        if (kept != count) {
            messages.writerIndex(write);
        }
        addedByLastFilter = added;
        return kept;
    }

    /** The batch last filtered was not stored: forget its ids, so that its retry is not dropped. */
    void forgetLastBatch() {
        seen.forgetNewest(addedByLastFilter);
        addedByLastFilter = 0;
    }

    /** Copies {@code length} bytes from {@code from} to {@code to < from}; a forward copy is overlap-safe then. */
    private static void moveDown(ByteBuf buf, int from, int to, int length) {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            buf.setLong(to + i, buf.getLong(from + i));
        }
        for (; i < length; i++) {
            buf.setByte(to + i, buf.getByte(from + i));
        }
    }
}

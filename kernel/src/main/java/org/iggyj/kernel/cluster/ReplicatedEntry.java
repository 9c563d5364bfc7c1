package org.iggyj.kernel.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One write command as it travels through the replicated log: the client's request payload as
 * received, plus every input that would otherwise differ between nodes, fixed by the node that
 * received it.
 *
 * <pre>
 * offset length field
 *      0      1 version (1)
 *      1      1 flags: bit 0 = the passwords in the payload are hashes made on receipt,
 *                     bit 1 = the seed is the hash of a token made on receipt
 *      2      2 reserved (0)
 *      4      4 command code, u32 LE
 *      8      8 origin: the submitting process's random instance id, u64 LE
 *     16      8 request sequence within that origin, u64 LE
 *     24      4 user id of the client's session, u32 LE
 *     28      8 time, µs since the epoch on the origin's clock, u64 LE
 *     36     32 seed: salts are drawn from it (zeros for send_messages); with bit 1, a token's hash
 *     68    ... request payload (send_messages: ids of messages sent with id 0 already assigned)
 * </pre>
 *
 * @param code     the command code
 * @param flags    {@link #CREDENTIALS_HASHED}, {@link #TOKEN_HASHED} or 0
 * @param origin   the submitting process's instance id
 * @param sequence the request's sequence number at its origin
 * @param userId   the user the command runs as
 * @param timeUs   the pinned time
 * @param seed     the pinned random seed (32 bytes)
 * @param payload  the request payload: a view into the entry, valid while the entry is
 */
public record ReplicatedEntry(int code, int flags, long origin, long sequence, long userId, long timeUs, byte[] seed,
                              ByteBuffer payload) {

    static final byte VERSION = 1;
    /** Flag: create_user / change_password carry Argon2id hashes, made by the receiving node, not passwords. */
    static final int CREDENTIALS_HASHED = 1;
    /**
     * Flag: create_personal_access_token's token was made on receipt; the seed is its BLAKE3 hash,
     * the one thing every node stores (the token itself never enters the log).
     */
    static final int TOKEN_HASHED = 2;
    static final int FLAGS_OFFSET = 1;
    static final int CODE_OFFSET = 4;
    static final int ORIGIN_OFFSET = 8;
    static final int SEQUENCE_OFFSET = 16;
    static final int USER_OFFSET = 24;
    static final int TIME_OFFSET = 28;
    static final int SEED_OFFSET = 36;
    static final int SEED_LENGTH = 32;
    static final int HEADER_LENGTH = SEED_OFFSET + SEED_LENGTH;

    /**
     * @param alloc    allocator for the entry
     * @param code     the command code
     * @param flags    {@link #CREDENTIALS_HASHED}, {@link #TOKEN_HASHED} or 0
     * @param origin   the submitting process's instance id
     * @param sequence the request sequence
     * @param userId   the session's user
     * @param timeUs   now on this node
     * @param seed     32 random bytes, or null for zeros
     * @param payload  the request payload (not consumed)
     * @return the encoded entry, owned by the caller
     */
    static ByteBuf encode(ByteBufAllocator alloc, int code, int flags, long origin, long sequence, long userId, long timeUs,
                          byte[] seed, ByteBuf payload) {
        return write(alloc.directBuffer(HEADER_LENGTH + payload.readableBytes()), code, flags, origin, sequence, userId,
                timeUs, seed, payload);
    }

    /**
     * As {@link #encode(ByteBufAllocator, int, int, long, long, long, long, byte[], ByteBuf)}, into an exact,
     * unpooled heap array: a replicator that keeps the bytes past its reply (Ratis's log cache does)
     * adopts that array instead of copying it ({@code Replicator#submit}); nothing else ever reuses it.
     */
    static ByteBuf encodeOwned(int code, int flags, long origin, long sequence, long userId, long timeUs, byte[] seed,
                               ByteBuf payload) {
        return write(Unpooled.wrappedBuffer(new byte[HEADER_LENGTH + payload.readableBytes()]).clear(), code, flags,
                origin, sequence, userId, timeUs, seed, payload);
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private static ByteBuf write(ByteBuf out, int code, int flags, long origin, long sequence, long userId, long timeUs,
                                 byte[] seed, ByteBuf payload) {
        out.writeByte(VERSION).writeByte(flags).writeZero(2);
        out.writeIntLE(code);
        out.writeLongLE(origin);
        out.writeLongLE(sequence);
        out.writeIntLE((int) userId);
        out.writeLongLE(timeUs);
        if (seed == null) {
            out.writeZero(SEED_LENGTH);
        } else {
            out.writeBytes(seed, 0, SEED_LENGTH);
        }
        out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
        return out;
    }

    /**
     * @param entry an entry from the log, from its position to its limit (not moved)
     * @return the decoded view
     * @throws IllegalArgumentException when it is not an entry of a known version
     */
    static ReplicatedEntry decode(ByteBuffer entry) {
        ByteBuffer in = entry.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int base = in.position();
        if (in.remaining() < HEADER_LENGTH || in.get(base) != VERSION) {
            throw new IllegalArgumentException("not a version " + VERSION + " replicated entry");
        }
        byte[] seed = new byte[SEED_LENGTH];
        in.get(base + SEED_OFFSET, seed);
        ByteBuffer payload = in.duplicate().position(base + HEADER_LENGTH).slice();
        return new ReplicatedEntry(in.getInt(base + CODE_OFFSET), in.get(base + FLAGS_OFFSET) & 0xFF,
                in.getLong(base + ORIGIN_OFFSET),
                in.getLong(base + SEQUENCE_OFFSET), Integer.toUnsignedLong(in.getInt(base + USER_OFFSET)),
                in.getLong(base + TIME_OFFSET), seed, payload);
    }

    /** @return whether the seed is the hash of a personal access token made on receipt */
    boolean tokenHashed() {
        return (flags & TOKEN_HASHED) != 0;
    }

    /** @return whether the payload's passwords are hashes made on receipt */
    boolean credentialsHashed() {
        return (flags & CREDENTIALS_HASHED) != 0;
    }
}

package org.iggyj.protocol.response;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.iggyj.protocol.wire.Permissions;
import org.iggyj.protocol.wire.WireWriter;

/**
 * Writes the response records of binary-protocol.md §5 at the writer index of a buffer the caller owns.
 * Only payload records: the caller writes the frame header ({@link org.iggyj.protocol.Frames}). Lists are
 * records back to back; "details" records are a base record followed by its children, written with further
 * calls. Values declared u32 on the wire are written from the low 32 bits of a {@code long}; u8 from the low
 * 8 bits of an {@code int}; u64 as the raw bits (-1 is u64::MAX). Stateless; safe on any thread.
 */
public final class ResponseWriter {

    /** {@code user_id} of a client that is not logged in. */
    public static final long NO_USER = 0xFFFF_FFFFL;

    private ResponseWriter() {
    }

    /** Stream (§5.1, 33 + name bytes); a StreamDetails adds {@code topicsCount} {@link #topic} records. */
    public static void stream(ByteBuf out, long id, long createdAtUs, long topicsCount, long sizeBytes,
                              long messagesCount, String name) {
        out.writeIntLE((int) id);
        out.writeLongLE(createdAtUs);
        out.writeIntLE((int) topicsCount);
        out.writeLongLE(sizeBytes);
        out.writeLongLE(messagesCount);
        WireWriter.name(out, name);
    }

    /** Topic (§5.3, 51 + name bytes); a TopicDetails adds {@code partitionsCount} {@link #partition} records. */
    public static void topic(ByteBuf out, long id, long createdAtUs, long partitionsCount, long messageExpiry,
                             int compression, long maxTopicSize, int replicationFactor, long sizeBytes,
                             long messagesCount, String name) {
        out.writeIntLE((int) id);
        out.writeLongLE(createdAtUs);
        out.writeIntLE((int) partitionsCount);
        out.writeLongLE(messageExpiry);
        out.writeByte(compression);
        out.writeLongLE(maxTopicSize);
        out.writeByte(replicationFactor);
        out.writeLongLE(sizeBytes);
        out.writeLongLE(messagesCount);
        WireWriter.name(out, name);
    }

    /** Partition (§5.4, 40 bytes). */
    public static void partition(ByteBuf out, long id, long createdAtUs, long segmentsCount, long currentOffset,
                                 long sizeBytes, long messagesCount) {
        out.writeIntLE((int) id);
        out.writeLongLE(createdAtUs);
        out.writeIntLE((int) segmentsCount);
        out.writeLongLE(currentOffset);
        out.writeLongLE(sizeBytes);
        out.writeLongLE(messagesCount);
    }

    /**
     * Client (§5.6); a ClientDetails adds {@code consumerGroupsCount} {@link #clientGroup} entries.
     *
     * @param userId        the logged-in user, or {@link #NO_USER}
     * @param transportCode a {@link org.iggyj.protocol.TransportKind#code()}
     */
    public static void client(ByteBuf out, long clientId, long userId, int transportCode, String address,
                              long consumerGroupsCount) {
        out.writeIntLE((int) clientId);
        out.writeIntLE((int) userId);
        out.writeByte(transportCode);
        WireWriter.str32(out, address);
        out.writeIntLE((int) consumerGroupsCount);
    }

    /** One 12-byte consumer-group entry of a ClientDetails (§5.7). */
    public static void clientGroup(ByteBuf out, long streamId, long topicId, long groupId) {
        out.writeIntLE((int) streamId);
        out.writeIntLE((int) topicId);
        out.writeIntLE((int) groupId);
    }

    /** ConsumerOffset (§5.13, 20 bytes). */
    public static void consumerOffset(ByteBuf out, long partitionId, long currentOffset, long storedOffset) {
        out.writeIntLE((int) partitionId);
        out.writeLongLE(currentOffset);
        out.writeLongLE(storedOffset);
    }

    /** Identity (§5.14): the 4-byte login reply. */
    public static void identity(ByteBuf out, long userId) {
        out.writeIntLE((int) userId);
    }

    /** The 16-byte head of a poll_messages reply (§6.5); the message frames follow as stored. */
    public static void pollHeader(ByteBuf out, long partitionId, long currentOffset, long messagesCount) {
        out.writeIntLE((int) partitionId);
        out.writeLongLE(currentOffset);
        out.writeIntLE((int) messagesCount);
    }

    /** User (§5.8, 14 + username bytes). {@code status}: 1 active, 2 inactive. */
    public static void user(ByteBuf out, long id, long createdAtUs, int status, String username) {
        out.writeIntLE((int) id);
        out.writeLongLE(createdAtUs);
        out.writeByte(status);
        WireWriter.name(out, username);
    }

    /**
     * UserDetails (§5.9): the User record, then {@code 01, u32 length, permissions} or, without
     * permissions, exactly four zero bytes (the 0.8 form).
     *
     * @param permissions the user's permissions, or {@code null} for none
     */
    public static void userDetails(ByteBuf out, long id, long createdAtUs, int status, String username,
                                   Permissions permissions) {
        user(out, id, createdAtUs, status, username);
        if (permissions == null) {
            out.writeIntLE(0);
        } else {
            out.writeByte(1);
            out.writeIntLE(permissions.encodedLength());
            permissions.write(out);
        }
    }

    /** ConsumerGroup (§5.5, 13 + name bytes); details add {@code membersCount} {@link #member} records. */
    public static void consumerGroup(ByteBuf out, long id, long partitionsCount, long membersCount, String name) {
        out.writeIntLE((int) id);
        out.writeIntLE((int) partitionsCount);
        out.writeIntLE((int) membersCount);
        WireWriter.name(out, name);
    }

    /** A consumer-group member (§5.5): id, partitions count, partition ids. */
    public static void member(ByteBuf out, long memberId, int[] partitionIds) {
        memberHeader(out, memberId, partitionIds.length);
        for (int p : partitionIds) {
            out.writeIntLE(p);
        }
    }

    /** The head of a member record; the caller then writes {@code partitionsCount} u32 partition ids. */
    public static void memberHeader(ByteBuf out, long memberId, long partitionsCount) {
        out.writeIntLE((int) memberId);
        out.writeIntLE((int) partitionsCount);
    }

    /** PersonalAccessToken (§5.10). {@code expiryAtUs} 0 = never expires. */
    public static void personalAccessToken(ByteBuf out, String name, long expiryAtUs) {
        WireWriter.name(out, name);
        out.writeLongLE(expiryAtUs);
    }

    /** The create_personal_access_token reply: the raw token as a {@code Name}. */
    public static void rawToken(ByteBuf out, String token) {
        WireWriter.name(out, token);
    }

    /** Stats (§5.11). */
    public static void stats(ByteBuf out, Stats s) {
        out.writeIntLE((int) s.processId());
        out.writeFloatLE(s.cpuUsage());
        out.writeFloatLE(s.totalCpuUsage());
        out.writeLongLE(s.memoryUsage());
        out.writeLongLE(s.totalMemory());
        out.writeLongLE(s.availableMemory());
        out.writeLongLE(s.runTimeUs());
        out.writeLongLE(s.startTimeUs());
        out.writeLongLE(s.readBytes());
        out.writeLongLE(s.writtenBytes());
        out.writeLongLE(s.messagesSizeBytes());
        out.writeIntLE((int) s.streamsCount());
        out.writeIntLE((int) s.topicsCount());
        out.writeIntLE((int) s.partitionsCount());
        out.writeIntLE((int) s.segmentsCount());
        out.writeLongLE(s.messagesCount());
        out.writeIntLE((int) s.clientsCount());
        out.writeIntLE((int) s.consumerGroupsCount());
        WireWriter.str32(out, s.hostname());
        WireWriter.str32(out, s.osName());
        WireWriter.str32(out, s.osVersion());
        WireWriter.str32(out, s.kernelVersion());
        WireWriter.str32(out, s.serverVersion());
        out.writeIntLE((int) s.serverSemver());
        out.writeIntLE(s.cacheMetrics().size());
        for (Stats.CacheMetric m : s.cacheMetrics()) {
            out.writeIntLE((int) m.streamId());
            out.writeIntLE((int) m.topicId());
            out.writeIntLE((int) m.partitionId());
            out.writeLongLE(m.hits());
            out.writeLongLE(m.misses());
            out.writeFloatLE(m.hitRatio());
        }
        out.writeIntLE((int) s.threadsCount());
        out.writeLongLE(s.freeDiskSpace());
        out.writeLongLE(s.totalDiskSpace());
    }

    /** ClusterMetadata (§5.12). */
    public static void clusterMetadata(ByteBuf out, String name, List<ClusterNode> nodes) {
        WireWriter.str32(out, name);
        out.writeIntLE(nodes.size());
        for (ClusterNode n : nodes) {
            WireWriter.str32(out, n.name());
            WireWriter.str32(out, n.ip());
            out.writeShortLE(n.tcpPort());
            out.writeShortLE(n.quicPort());
            out.writeShortLE(n.httpPort());
            out.writeShortLE(n.websocketPort());
            out.writeByte(n.role());
            out.writeByte(n.status());
        }
    }
}

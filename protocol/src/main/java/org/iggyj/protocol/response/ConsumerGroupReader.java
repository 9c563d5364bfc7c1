package org.iggyj.protocol.response;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.iggyj.protocol.wire.WireReader;

/**
 * Reads ConsumerGroup and ConsumerGroupDetails records (binary-protocol.md §5.5), the mirror of
 * {@link ResponseWriter#consumerGroup} and {@link ResponseWriter#member}. Stateless.
 */
public final class ConsumerGroupReader {

    private ConsumerGroupReader() {
    }

    /**
     * @param id              group id
     * @param partitionsCount partitions of the topic
     * @param membersCount    members
     * @param name            name
     */
    public record Group(long id, long partitionsCount, long membersCount, String name) {
    }

    /**
     * @param id         member id
     * @param partitions partition ids assigned to it
     */
    public record Member(long id, List<Long> partitions) {
    }

    /**
     * @param group   the group
     * @param members its members
     */
    public record GroupDetails(Group group, List<Member> members) {
    }

    /** @return the next group record */
    public static Group group(ByteBuf in) {
        return new Group(in.readUnsignedIntLE(), in.readUnsignedIntLE(), in.readUnsignedIntLE(), WireReader.name(in));
    }

    /** @return every group record left in the buffer */
    public static List<Group> groups(ByteBuf in) {
        List<Group> list = new ArrayList<>();
        while (in.isReadable()) {
            list.add(group(in));
        }
        return list;
    }

    /** @return a group record followed by its members */
    public static GroupDetails details(ByteBuf in) {
        Group group = group(in);
        List<Member> members = new ArrayList<>();
        while (in.isReadable()) {
            long id = in.readUnsignedIntLE();
            long count = in.readUnsignedIntLE();
            WireReader.require(in, count * 4, "member partitions");
            List<Long> partitions = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                partitions.add(in.readUnsignedIntLE());
            }
            members.add(new Member(id, partitions));
        }
        return new GroupDetails(group, members);
    }
}

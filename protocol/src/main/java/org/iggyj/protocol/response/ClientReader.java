package org.iggyj.protocol.response;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.iggyj.protocol.wire.WireReader;

/**
 * Reads Client and ClientDetails records (binary-protocol.md §5.6–§5.7), the mirror of
 * {@link ResponseWriter#client} and {@link ResponseWriter#clientGroup}. Stateless.
 */
public final class ClientReader {

    private ClientReader() {
    }

    /**
     * @param clientId            client id
     * @param userId              logged-in user, or {@link ResponseWriter#NO_USER}
     * @param transportCode       {@link org.iggyj.protocol.TransportKind#code()}
     * @param address             {@code ip:port}
     * @param consumerGroupsCount groups joined
     */
    public record Client(long clientId, long userId, int transportCode, String address, long consumerGroupsCount) {
    }

    /**
     * @param streamId stream id
     * @param topicId  topic id
     * @param groupId  group id
     */
    public record GroupRef(long streamId, long topicId, long groupId) {
    }

    /**
     * @param client the client
     * @param groups the groups it joined
     */
    public record ClientDetails(Client client, List<GroupRef> groups) {
    }

    /** @return the next client record */
    public static Client client(ByteBuf in) {
        return new Client(in.readUnsignedIntLE(), in.readUnsignedIntLE(), in.readUnsignedByte(), WireReader.str32(in),
                in.readUnsignedIntLE());
    }

    /** @return every client record left in the buffer */
    public static List<Client> clients(ByteBuf in) {
        List<Client> list = new ArrayList<>();
        while (in.isReadable()) {
            list.add(client(in));
        }
        return list;
    }

    /** @return a client record and its group entries */
    public static ClientDetails details(ByteBuf in) {
        Client client = client(in);
        List<GroupRef> groups = new ArrayList<>();
        while (in.isReadable()) {
            groups.add(new GroupRef(in.readUnsignedIntLE(), in.readUnsignedIntLE(), in.readUnsignedIntLE()));
        }
        return new ClientDetails(client, groups);
    }
}

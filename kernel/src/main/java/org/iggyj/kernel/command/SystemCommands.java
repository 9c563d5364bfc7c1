package org.iggyj.kernel.command;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.iggyj.kernel.auth.Operation;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.kernel.session.SessionRegistry;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.request.GetClient;
import org.iggyj.protocol.response.ResponseWriter;
import org.iggyj.spi.Reply;

/**
 * ping, get_stats, get_me, get_client, get_clients.
 */
final class SystemCommands {

    private final MetadataWriter metadata;
    private final SessionRegistry sessions;
    private final StatsCollector stats;
    private final ByteBufAllocator alloc;
    private final Guard guard;

    SystemCommands(MetadataWriter metadata, SessionRegistry sessions, StatsCollector stats, ByteBufAllocator alloc,
                   Guard guard) {
        this.metadata = metadata;
        this.sessions = sessions;
        this.stats = stats;
        this.alloc = alloc;
        this.guard = guard;
    }

    void registerWith(KernelDispatcher d) {
        d.register(CommandCode.PING, p -> null, (s, r) -> {
            s.heartbeat();
            return Replies.ok();
        });
        d.register(CommandCode.GET_STATS, p -> null, (s, r) -> {
            var md = metadata.current();
            guard.global(md, s, Operation.READ_SERVER);
            return Replies.done(Replies.write(alloc,
                    out -> ResponseWriter.stats(out, stats.collect(md, sessions.count()))));
        });
        d.register(CommandCode.GET_ME, p -> null,
                (s, r) -> Replies.done(Replies.write(alloc, out -> clientDetails(out, metadata.current(), s))));
        d.register(CommandCode.GET_CLIENT, GetClient::decode, this::getClient);
        d.register(CommandCode.GET_CLIENTS, p -> null, (s, r) -> {
            guard.global(metadata.current(), s, Operation.READ_SERVER);
            var md = metadata.current();
            return Replies.done(Replies.write(alloc, out -> sessions.all().forEach(c -> client(out, md, c))));
        });
    }

    private CompletionStage<Reply> getClient(ClientSession session, GetClient request) {
        guard.global(metadata.current(), session, Operation.READ_SERVER);
        if (request.clientId() == 0) {
            throw new IggyException(ErrorCode.INVALID_CLIENT_ID, "client id 0 is invalid");
        }
        ClientSession client = sessions.byClientId(request.clientId());
        if (client == null) {
            return Replies.ok();
        }
        return Replies.done(Replies.write(alloc, out -> clientDetails(out, metadata.current(), client)));
    }

    /** A Client record (§5.6): the count of joined groups, without the entries. */
    private static void client(ByteBuf out, Metadata md, ClientSession c) {
        ResponseWriter.client(out, c.clientId(), c.userId(), c.transport().code(), c.addressText(),
                GroupRecords.memberships(md, c).size());
    }

    /** A ClientDetails record (§5.7): the Client record and one entry per joined group. */
    private static void clientDetails(ByteBuf out, Metadata md, ClientSession c) {
        List<GroupRecords.Membership> groups = GroupRecords.memberships(md, c);
        ResponseWriter.client(out, c.clientId(), c.userId(), c.transport().code(), c.addressText(), groups.size());
        for (GroupRecords.Membership g : groups) {
            ResponseWriter.clientGroup(out, g.streamId(), g.topicId(), g.groupId());
        }
    }
}

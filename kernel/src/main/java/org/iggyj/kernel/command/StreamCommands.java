package org.iggyj.kernel.command;

import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.CompletionStage;
import org.iggyj.kernel.auth.Operation;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.StreamMeta;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.CreateStream;
import org.iggyj.protocol.request.StreamRef;
import org.iggyj.protocol.request.UpdateStream;
import org.iggyj.spi.Reply;

/**
 * Stream commands: get, list, create, update, delete, purge.
 */
final class StreamCommands {

    private final MetadataWriter metadata;
    private final ByteBufAllocator alloc;
    private final Guard guard;

    StreamCommands(MetadataWriter metadata, ByteBufAllocator alloc, Guard guard) {
        this.metadata = metadata;
        this.alloc = alloc;
        this.guard = guard;
    }

    void registerWith(KernelDispatcher d) {
        d.register(CommandCode.GET_STREAM, StreamRef::decode, this::get);
        d.register(CommandCode.GET_STREAMS, p -> null, this::list);
        d.register(CommandCode.CREATE_STREAM, CreateStream::decode, this::create);
        d.register(CommandCode.UPDATE_STREAM, UpdateStream::decode,
                (s, r) -> metadata.mutate(() -> {
                    guard.stream(metadata.current(), s, Operation.MANAGE_STREAM, r.streamId());
                    metadata.updateStream(r.streamId(), r.name());
                    return Reply.ok();
                }));
        d.register(CommandCode.DELETE_STREAM, StreamRef::decode,
                (s, r) -> metadata.mutate(() -> {
                    guard.stream(metadata.current(), s, Operation.MANAGE_STREAM, r.streamId());
                    metadata.deleteStream(r.streamId());
                    return Reply.ok();
                }));
        d.register(CommandCode.PURGE_STREAM, StreamRef::decode,
                (s, r) -> metadata.mutate(() -> {
                    guard.stream(metadata.current(), s, Operation.MANAGE_STREAM, r.streamId());
                    metadata.purgeStream(r.streamId());
                    return Reply.ok();
                }));
    }

    private CompletionStage<Reply> get(ClientSession session, StreamRef request) {
        var md = metadata.current();
        guard.stream(md, session, Operation.READ_STREAM, request.streamId());
        StreamMeta stream = md.stream(request.streamId());
        if (stream == null) {
            return Replies.ok();
        }
        return Replies.done(Replies.write(alloc, out -> MetadataRecords.streamDetails(out, stream)));
    }

    private CompletionStage<Reply> list(ClientSession session, Object ignored) {
        var md = metadata.current();
        guard.global(md, session, Operation.LIST_STREAMS);
        var streams = md.streams().values();
        return Replies.done(Replies.write(alloc, out -> streams.forEach(s -> MetadataRecords.stream(out, s))));
    }

    private CompletionStage<Reply> create(ClientSession session, CreateStream request) {
        return metadata.mutate(() -> {
            guard.global(metadata.current(), session, Operation.CREATE_STREAM);
            StreamMeta stream = metadata.createStream(request.name());
            return Replies.write(alloc, out -> MetadataRecords.stream(out, stream));
        });
    }
}

package org.iggyj.kernel.command;

import org.iggyj.kernel.auth.Authorizer;
import org.iggyj.kernel.auth.Operation;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.StreamMeta;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.protocol.wire.Identifier;

/**
 * Permission checks for handlers, resolving identifiers on the snapshot the check reads. An
 * entity that does not exist is checked at the scope above it, so the caller's not-found error
 * (which 0.8 reports after the permission check) still comes from the handler.
 */
final class Guard {

    private final Authorizer authorizer;

    Guard(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    void global(Metadata md, ClientSession session, Operation op) {
        authorizer.require(md, session, op, Authorizer.NONE, Authorizer.NONE);
    }

    void stream(Metadata md, ClientSession session, Operation op, Identifier streamId) {
        StreamMeta stream = md.stream(streamId);
        authorizer.require(md, session, op, stream == null ? Authorizer.NONE : stream.id(), Authorizer.NONE);
    }

    void topic(Metadata md, ClientSession session, Operation op, Identifier streamId, Identifier topicId) {
        StreamMeta stream = md.stream(streamId);
        TopicMeta topic = stream == null ? null : stream.topic(topicId);
        authorizer.require(md, session, op, stream == null ? Authorizer.NONE : stream.id(),
                topic == null ? Authorizer.NONE : topic.id());
    }
}

package org.iggyj.kernel.metadata;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.iggyj.protocol.wire.Identifier;

/**
 * One immutable snapshot of the server's metadata. Readers may hold it as long as they like;
 * the writer publishes a new one for every change.
 *
 * @param streams streams by id (unmodifiable)
 * @param users   users by id (unmodifiable)
 */
public record Metadata(NavigableMap<Long, StreamMeta> streams, NavigableMap<Long, UserRecord> users) {

    /** The empty snapshot of a fresh server. */
    public static final Metadata EMPTY = new Metadata(
            Collections.unmodifiableNavigableMap(new TreeMap<>()),
            Collections.unmodifiableNavigableMap(new TreeMap<>()));

    /**
     * @param identifier a numeric id or a name
     * @return the stream, or null
     */
    public StreamMeta stream(Identifier identifier) {
        if (identifier.isNumeric()) {
            return streams.get(identifier.numericId());
        }
        for (StreamMeta stream : streams.values()) {
            if (stream.name().equals(identifier.name())) {
                return stream;
            }
        }
        return null;
    }

    /**
     * @param username a user name
     * @return the user, or null
     */
    public UserRecord userByName(String username) {
        for (UserRecord user : users.values()) {
            if (user.username().equals(username)) {
                return user;
            }
        }
        return null;
    }

    /**
     * @param stream a stream to add or replace
     * @return a copy with that stream
     */
    public Metadata withStream(StreamMeta stream) {
        TreeMap<Long, StreamMeta> copy = new TreeMap<>(streams);
        copy.put(stream.id(), stream);
        return new Metadata(Collections.unmodifiableNavigableMap(copy), users);
    }

    /**
     * @param streamId a stream to remove
     * @return a copy without it
     */
    public Metadata withoutStream(long streamId) {
        TreeMap<Long, StreamMeta> copy = new TreeMap<>(streams);
        copy.remove(streamId);
        return new Metadata(Collections.unmodifiableNavigableMap(copy), users);
    }

    /**
     * @param user a user to add or replace
     * @return a copy with that user
     */
    public Metadata withUser(UserRecord user) {
        TreeMap<Long, UserRecord> copy = new TreeMap<>(users);
        copy.put(user.id(), user);
        return new Metadata(streams, Collections.unmodifiableNavigableMap(copy));
    }

    /**
     * @param userId a user id to remove
     * @return a copy without that user
     */
    public Metadata withoutUser(long userId) {
        TreeMap<Long, UserRecord> copy = new TreeMap<>(users);
        copy.remove(userId);
        return new Metadata(streams, Collections.unmodifiableNavigableMap(copy));
    }

    /**
     * @param identifier a numeric user id or a username
     * @return the user, or null
     */
    public UserRecord user(Identifier identifier) {
        return identifier.isNumeric() ? users.get(identifier.numericId()) : userByName(identifier.name());
    }

    /**
     * The lowest id not in use. Iggy allocates ids from a slab, so freed ids are reused; we reuse
     * the lowest free one, which matches Iggy whenever at most one id is free.
     *
     * @param used ids in use, sorted
     * @return the id to assign next
     */
    public static long lowestFreeId(NavigableMap<Long, ?> used) {
        long candidate = 0;
        for (Long id : used.keySet()) {
            if (id != candidate) {
                return candidate;
            }
            candidate++;
        }
        return candidate;
    }
}

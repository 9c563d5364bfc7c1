package org.iggyj.kernel.metadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.iggyj.kernel.partition.DeduplicationConfig;
import org.iggyj.kernel.partition.MicrosClock;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.kernel.partition.PartitionKey;
import org.iggyj.kernel.partition.PartitionSettings;
import org.iggyj.kernel.shard.Shard;
import org.iggyj.kernel.shard.ShardSet;
import org.iggyj.kernel.storage.StorageConfig;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Identifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of metadata. Every mutation runs on the metadata shard, one at a time: it
 * checks the request against the current snapshot, does the file work on the partitions' owner
 * shards, persists the new snapshot and then publishes it. Readers on other threads use
 * {@link #current()} and never lock.
 *
 * <p>Order of effects: creations open partition directories before the snapshot that names them is
 * saved; deletions save the snapshot first and remove files after. A crash in between leaves only
 * orphan directories, which {@link MetadataRecovery} removes at the next start.
 */
public final class MetadataWriter {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataWriter.class);
    private static final long U64_MAX = -1L;
    private static final int MAX_PARTITIONS_PER_REQUEST = 1000;

    private final ShardSet shards;
    private final DataLayout layout;
    private final StorageConfig storage;
    private final TopicDefaults defaults;
    private final MicrosClock clock;
    /** What each new partition is built with. */
    private final PartitionSettings partitionSettings;
    private volatile Metadata current = Metadata.EMPTY;

    /**
     * @param shards   the shards; shard 0 runs every mutation
     * @param layout   data directory layout
     * @param storage  storage settings for new partitions
     * @param defaults server defaults for topic expiry and size
     * @param clock    clock for creation times
     */
    public MetadataWriter(ShardSet shards, DataLayout layout, StorageConfig storage, TopicDefaults defaults,
                          MicrosClock clock) {
        this(shards, layout, storage, defaults, clock, DeduplicationConfig.DISABLED);
    }

    /**
     * @param shards        the shards; shard 0 runs every mutation
     * @param layout        data directory layout
     * @param storage       storage settings for new partitions
     * @param defaults      server defaults for topic expiry and size
     * @param clock         clock for creation times
     * @param deduplication message-id deduplication settings for partitions
     */
    public MetadataWriter(ShardSet shards, DataLayout layout, StorageConfig storage, TopicDefaults defaults,
                          MicrosClock clock, DeduplicationConfig deduplication) {
        this.partitionSettings = new PartitionSettings(storage, clock, deduplication);
        this.shards = shards;
        this.layout = layout;
        this.storage = storage;
        this.defaults = defaults;
        this.clock = clock;
    }

    /**
     * @return the latest published snapshot; any thread
     */
    public Metadata current() {
        return current;
    }

    void install(Metadata recovered) {
        current = recovered;
    }

    /**
     * Runs a mutation on the metadata shard.
     *
     * @param mutation the change, returning its result
     * @param <T>      result type
     * @return the result once persisted and published
     */
    public <T> CompletableFuture<T> mutate(Supplier<T> mutation) {
        return shards.metadataWriter().submit(mutation);
    }

    /**
     * @param name a stream name
     * @return the created stream. Metadata shard only.
     */
    public StreamMeta createStream(String name) {
        Metadata md = current;
        if (md.stream(Identifier.named(name)) != null) {
            throw new IggyException(ErrorCode.STREAM_NAME_ALREADY_EXISTS, "stream '" + name + "' already exists");
        }
        long id = Metadata.lowestFreeId(md.streams());
        deleteTree(layout.streamDir(id));
        StreamMeta stream = new StreamMeta(id, name, clock.nowUs(),
                Collections.unmodifiableNavigableMap(new TreeMap<>()));
        publish(md.withStream(stream));
        return stream;
    }

    /**
     * @param streamId stream to rename
     * @param name     new name. Metadata shard only.
     */
    public void updateStream(Identifier streamId, String name) {
        Metadata md = current;
        StreamMeta stream = requireStream(md, streamId);
        StreamMeta other = md.stream(Identifier.named(name));
        if (other != null && other.id() != stream.id()) {
            throw new IggyException(ErrorCode.STREAM_NAME_ALREADY_EXISTS, "stream '" + name + "' already exists");
        }
        publish(md.withStream(stream.withName(name)));
    }

    /**
     * @param streamId stream to delete with all its topics and data. Metadata shard only.
     */
    public void deleteStream(Identifier streamId) {
        Metadata md = current;
        StreamMeta stream = requireStream(md, streamId);
        publish(md.withoutStream(stream.id()));
        for (TopicMeta topic : stream.topics().values()) {
            closeAndDelete(topic.partitions());
        }
        deleteTree(layout.streamDir(stream.id()));
    }

    /**
     * @param streamId stream whose messages and offsets to delete. Metadata shard only.
     */
    public void purgeStream(Identifier streamId) {
        StreamMeta stream = requireStream(current, streamId);
        for (TopicMeta topic : stream.topics().values()) {
            purge(topic.partitions());
        }
    }

    /**
     * @param streamId        owning stream
     * @param partitionsCount partitions to create, 0..1000
     * @param settings        the requested settings
     * @return the created topic. Metadata shard only.
     */
    public TopicMeta createTopic(Identifier streamId, long partitionsCount, TopicSettings settings) {
        if (partitionsCount > MAX_PARTITIONS_PER_REQUEST) {
            throw new IggyException(ErrorCode.TOO_MANY_PARTITIONS, "at most 1000 partitions per topic request");
        }
        Metadata md = current;
        StreamMeta stream = requireStream(md, streamId);
        validateSettings(settings);
        if (stream.topic(Identifier.named(settings.name())) != null) {
            throw new IggyException(ErrorCode.TOPIC_NAME_ALREADY_EXISTS,
                    "topic '" + settings.name() + "' already exists in stream " + stream.id());
        }
        long id = Metadata.lowestFreeId(stream.topics());
        deleteTree(layout.topicDir(stream.id(), id));
        long now = clock.nowUs();
        List<Partition> partitions = openPartitions(stream.id(), id, 0, (int) partitionsCount, now);
        TopicMeta topic = new TopicMeta(id, settings.name(), now, settings.compression(),
                resolveExpiry(settings.messageExpiryUs()), resolveMaxSize(settings.maxTopicSizeBytes()),
                Math.max(1, settings.replicationFactor()), List.copyOf(partitions), new AtomicLong());
        publish(md.withStream(stream.withTopic(topic)));
        return topic;
    }

    /**
     * @param streamId owning stream
     * @param topicId  topic to change
     * @param settings new settings. Metadata shard only.
     */
    public void updateTopic(Identifier streamId, Identifier topicId, TopicSettings settings) {
        Metadata md = current;
        StreamMeta stream = requireStream(md, streamId);
        TopicMeta topic = requireTopic(stream, topicId);
        validateSettings(settings);
        TopicMeta other = stream.topic(Identifier.named(settings.name()));
        if (other != null && other.id() != topic.id()) {
            throw new IggyException(ErrorCode.TOPIC_NAME_ALREADY_EXISTS,
                    "topic '" + settings.name() + "' already exists in stream " + stream.id());
        }
        TopicMeta updated = new TopicMeta(topic.id(), settings.name(), topic.createdAtUs(), settings.compression(),
                resolveExpiry(settings.messageExpiryUs()), resolveMaxSize(settings.maxTopicSizeBytes()),
                Math.max(1, settings.replicationFactor()), topic.partitions(), topic.balancedCursor(),
                topic.consumerGroups());
        publish(md.withStream(stream.withTopic(updated)));
    }

    /**
     * @param streamId owning stream
     * @param topicId  topic to delete with its data. Metadata shard only.
     */
    public void deleteTopic(Identifier streamId, Identifier topicId) {
        Metadata md = current;
        StreamMeta stream = requireStream(md, streamId);
        TopicMeta topic = requireTopic(stream, topicId);
        publish(md.withStream(stream.withoutTopic(topic.id())));
        closeAndDelete(topic.partitions());
        deleteTree(layout.topicDir(stream.id(), topic.id()));
    }

    /**
     * @param streamId owning stream
     * @param topicId  topic whose messages and offsets to delete. Metadata shard only.
     */
    public void purgeTopic(Identifier streamId, Identifier topicId) {
        purge(requireTopic(requireStream(current, streamId), topicId).partitions());
    }

    /**
     * @param streamId owning stream
     * @param topicId  topic to extend
     * @param count    partitions to add, 1..1000. Metadata shard only.
     */
    public void createPartitions(Identifier streamId, Identifier topicId, long count) {
        requirePartitionsCount(count);
        Metadata md = current;
        StreamMeta stream = requireStream(md, streamId);
        TopicMeta topic = requireTopic(stream, topicId);
        List<Partition> all = new ArrayList<>(topic.partitions());
        all.addAll(openPartitions(stream.id(), topic.id(), all.size(), (int) count, clock.nowUs()));
        publish(md.withStream(stream.withTopic(topic.withPartitions(all))));
    }

    /**
     * @param streamId owning stream
     * @param topicId  topic to shrink
     * @param count    partitions to remove from the highest id down. Metadata shard only.
     */
    public void deletePartitions(Identifier streamId, Identifier topicId, long count) {
        requirePartitionsCount(count);
        Metadata md = current;
        StreamMeta stream = requireStream(md, streamId);
        TopicMeta topic = requireTopic(stream, topicId);
        int existing = topic.partitions().size();
        if (count > existing) {
            throw new IggyException(ErrorCode.INVALID_PARTITIONS_COUNT,
                    "topic has " + existing + " partitions, cannot delete " + count);
        }
        List<Partition> kept = topic.partitions().subList(0, existing - (int) count);
        List<Partition> removed = topic.partitions().subList(existing - (int) count, existing);
        publish(md.withStream(stream.withTopic(topic.withPartitions(kept))));
        closeAndDelete(removed);
    }

    /**
     * @param user a user to add or replace. Metadata shard only.
     */
    public void putUser(UserRecord user) {
        publish(current.withUser(user));
    }

    /**
     * @param userId a user to remove with its tokens. Metadata shard only.
     */
    public void removeUser(long userId) {
        publish(current.withoutUser(userId));
    }

    Partition newPartition(long streamId, long topicId, long partitionId, long createdAtUs) {
        Shard owner = shards.ownerOf(streamId, topicId, partitionId);
        return new Partition(new PartitionKey(streamId, topicId, partitionId), createdAtUs, owner,
                layout.partitionDir(streamId, topicId, partitionId), partitionSettings);
    }

    private List<Partition> openPartitions(long streamId, long topicId, int firstId, int count, long createdAtUs) {
        List<Partition> created = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Partition p = newPartition(streamId, topicId, firstId + i, createdAtUs);
            deleteTree(layout.partitionDir(streamId, topicId, firstId + i));
            created.add(p);
        }
        onOwners(created, Partition::open);
        return created;
    }

    /**
     * Deletes without {@link Partition#close()}: its final fsync would make the owner shard write back
     * every dirty page of bytes that are unlinked a moment later (a benchmark's previous stream: ~5% of
     * the shard's CPU while producing). {@link Partition#delete()} closes the files itself.
     */
    private void closeAndDelete(List<Partition> partitions) {
        onOwners(partitions, Partition::delete);
    }

    private void purge(List<Partition> partitions) {
        onOwners(partitions, Partition::purge);
    }

    /**
     * Runs an action on each partition's owner and waits for all of them. Partitions owned by the
     * metadata shard itself run inline: waiting on our own queue would deadlock.
     */
    static void onOwners(List<Partition> partitions, java.util.function.Consumer<Partition> action) {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (Partition p : partitions) {
            if (p.owner().inShard()) {
                action.accept(p);
            } else {
                pending.add(p.owner().submit(() -> {
                    action.accept(p);
                    return null;
                }));
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    }

    private static void requirePartitionsCount(long count) {
        if (count < 1 || count > MAX_PARTITIONS_PER_REQUEST) {
            throw new IggyException(ErrorCode.TOO_MANY_PARTITIONS, "partitions count must be 1..1000");
        }
    }

    void publish(Metadata next) {
        try {
            MetadataFile.of(next).save(layout.stateDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist metadata", e);
        }
        current = next;
    }

    private void validateSettings(TopicSettings settings) {
        if (settings.compression() != 1 && settings.compression() != 2) {
            throw new IggyException(ErrorCode.INVALID_COMMAND, "unknown compression algorithm " + settings.compression());
        }
        long maxSize = settings.maxTopicSizeBytes();
        if (maxSize != 0 && maxSize != U64_MAX && Long.compareUnsigned(maxSize, storage.segmentSizeBytes()) < 0) {
            throw new IggyException(ErrorCode.INVALID_TOPIC_SIZE,
                    "max topic size " + maxSize + " is below the segment size " + storage.segmentSizeBytes());
        }
    }

    private long resolveExpiry(long requested) {
        return requested == 0 ? defaults.messageExpiryUs() : requested;
    }

    private long resolveMaxSize(long requested) {
        return requested == 0 ? defaults.maxTopicSizeBytes() : requested;
    }

    static StreamMeta requireStream(Metadata md, Identifier streamId) {
        StreamMeta stream = md.stream(streamId);
        if (stream == null) {
            throw new IggyException(ErrorCode.STREAM_ID_NOT_FOUND, "stream " + streamId + " not found");
        }
        return stream;
    }

    static TopicMeta requireTopic(StreamMeta stream, Identifier topicId) {
        TopicMeta topic = stream.topic(topicId);
        if (topic == null) {
            throw new IggyException(ErrorCode.TOPIC_ID_NOT_FOUND,
                    "topic " + topicId + " not found in stream " + stream.id());
        }
        return topic;
    }

    static void deleteTree(java.nio.file.Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            LOG.warn("Could not delete {}", dir, e);
        }
    }
}

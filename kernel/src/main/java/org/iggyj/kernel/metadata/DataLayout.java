package org.iggyj.kernel.metadata;

import java.nio.file.Path;

/**
 * Where things live under {@code system.path}, following Iggy's tree:
 * <pre>
 * state/metadata.json                                    streams, topics, partitions, users
 * streams/&lt;stream&gt;/topics/&lt;topic&gt;/partitions/&lt;partition&gt;/   segments and consumer offsets
 * runtime/current_config.toml                            effective configuration, rewritten at start
 * </pre>
 *
 * @param root the data directory
 */
public record DataLayout(Path root) {

    /** @return the metadata directory */
    public Path stateDir() {
        return root.resolve("state");
    }

    /** @return the runtime directory, recreated at every start */
    public Path runtimeDir() {
        return root.resolve("runtime");
    }

    /** @return the directory holding every stream */
    public Path streamsDir() {
        return root.resolve("streams");
    }

    /**
     * @param streamId a stream id
     * @return its directory
     */
    public Path streamDir(long streamId) {
        return streamsDir().resolve(Long.toString(streamId));
    }

    /**
     * @param streamId a stream id
     * @param topicId  a topic id
     * @return the topic's directory
     */
    public Path topicDir(long streamId, long topicId) {
        return streamDir(streamId).resolve("topics").resolve(Long.toString(topicId));
    }

    /**
     * @param streamId    a stream id
     * @param topicId     a topic id
     * @param partitionId a partition id
     * @return the partition's directory
     */
    public Path partitionDir(long streamId, long topicId, long partitionId) {
        return topicDir(streamId, topicId).resolve("partitions").resolve(Long.toString(partitionId));
    }
}

package org.iggyj.kernel.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code [system]} keys the kernel acts on, parsed and validated.
 *
 * @param path                              the data root, absolute ({@code system.path} against the working directory)
 * @param runtimePath                       {@code <path>/<system.runtime.path>}, recreated at each start
 * @param streamsPath                       {@code <path>/<system.stream.path>}
 * @param topicsDirName                     directory of topics inside a stream directory
 * @param partitionsDirName                 directory of partitions inside a topic directory
 * @param segmentSizeBytes                  segment roll threshold (≤ 1 GiB, multiple of 512)
 * @param cacheIndexes                      which segments keep their index in memory
 * @param partitionEnforceFsync             fsync segment and index after each journal flush
 * @param validateChecksum                  verify every stored checksum at startup
 * @param messagesRequiredToSave            journal flush threshold in messages (≥ 1)
 * @param sizeOfMessagesRequiredToSaveBytes journal flush threshold in bytes
 * @param maxSendPayloadBytes               largest accepted send_messages payload
 * @param shardCount                        shard threads, resolved from {@code cpu_allocation}
 * @param topicMaxSizeBytes                 default topic size cap; {@link #UNLIMITED} (-1, u64::MAX on the wire) = none
 * @param topicMessageExpiryUs              default message lifetime in µs; {@link #NEVER_EXPIRE} (-1) = forever
 * @param stateEnforceFsync                 fsync the metadata log after each entry
 * @param dedupEnabled                      per-partition message-id deduplication
 * @param dedupMaxEntries                   ids remembered per partition (0 = no cap)
 * @param dedupExpiry                       how long an id is remembered (zero = no TTL)
 * @param encryption                        server-side payload encryption
 */
public record SystemConfig(
    Path path,
    Path runtimePath,
    Path streamsPath,
    String topicsDirName,
    String partitionsDirName,
    long segmentSizeBytes,
    CacheIndexes cacheIndexes,
    boolean partitionEnforceFsync,
    boolean validateChecksum,
    long messagesRequiredToSave,
    long sizeOfMessagesRequiredToSaveBytes,
    long maxSendPayloadBytes,
    int shardCount,
    long topicMaxSizeBytes,
    long topicMessageExpiryUs,
    boolean stateEnforceFsync,
    boolean dedupEnabled,
    long dedupMaxEntries,
    Duration dedupExpiry,
    EncryptionConfig encryption) {

    /** {@link #topicMaxSizeBytes()} value for "no size cap"; the same bits as u64::MAX on the wire. */
    public static final long UNLIMITED = -1L;

    /** {@link #topicMessageExpiryUs()} value for "never expire"; the same bits as u64::MAX on the wire. */
    public static final long NEVER_EXPIRE = -1L;
}

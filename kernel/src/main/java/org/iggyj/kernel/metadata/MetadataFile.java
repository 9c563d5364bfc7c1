package org.iggyj.kernel.metadata;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.iggyj.protocol.wire.Permissions;

/**
 * The persisted form of the metadata: {@code state/metadata.json}, replaced atomically (write a
 * temporary file, fsync it, rename it over the old one, fsync the directory), so a crash leaves
 * either the old or the new snapshot, never a mix.
 *
 * @param version format version
 * @param streams streams with their topics and partitions
 * @param users   users with password hashes
 */
public record MetadataFile(int version, List<StreamDoc> streams, List<UserDoc> users) {

    /** The space reserve next to the metadata: zeros, recreated at start, never part of a snapshot. */
    public static final String RESERVE_FILE_NAME = SpaceReserve.FILE_NAME;
    static final int CURRENT_VERSION = 1;
    private static final String FILE_NAME = "metadata.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A stream. */
    public record StreamDoc(long id, String name, long createdAtUs, List<TopicDoc> topics) {
    }

    /**
     * A topic; expiry and max size are stored resolved, never as "server default". Consumer
     * groups are absent (null) in files written before groups existed.
     */
    public record TopicDoc(long id, String name, long createdAtUs, int compression, long messageExpiryUs,
                           long maxTopicSizeBytes, int replicationFactor, List<PartitionDoc> partitions,
                           List<ConsumerGroupDoc> consumerGroups) {
    }

    /** A consumer group: only its identity; members are not persisted. */
    public record ConsumerGroupDoc(long id, String name) {
    }

    /** A partition. */
    public record PartitionDoc(long id, long createdAtUs) {
    }

    /** A user; permissions null means none, tokens null (files before tokens existed) means none. */
    public record UserDoc(long id, String username, String passwordHash, int status, long createdAtUs,
                          Permissions permissions, List<TokenDoc> tokens) {
    }

    /** A personal access token: only the BLAKE3 hash of the raw token is stored. */
    public record TokenDoc(String name, String hash, long expiryAtUs) {
    }

    /**
     * @param metadata a snapshot
     * @return its persisted form
     */
    public static MetadataFile of(Metadata metadata) {
        List<StreamDoc> streams = new ArrayList<>();
        for (StreamMeta s : metadata.streams().values()) {
            List<TopicDoc> topics = new ArrayList<>();
            for (TopicMeta t : s.topics().values()) {
                List<PartitionDoc> partitions = new ArrayList<>();
                t.partitions().forEach(p -> partitions.add(new PartitionDoc(p.id(), p.createdAtUs())));
                List<ConsumerGroupDoc> groups = new ArrayList<>();
                t.consumerGroups().values().forEach(g -> groups.add(new ConsumerGroupDoc(g.id(), g.name())));
                topics.add(new TopicDoc(t.id(), t.name(), t.createdAtUs(), t.compression(), t.messageExpiryUs(),
                        t.maxTopicSizeBytes(), t.replicationFactor(), partitions, groups));
            }
            streams.add(new StreamDoc(s.id(), s.name(), s.createdAtUs(), topics));
        }
        List<UserDoc> users = new ArrayList<>();
        for (UserRecord u : metadata.users().values()) {
            List<TokenDoc> tokens = new ArrayList<>();
            u.tokens().forEach(t -> tokens.add(new TokenDoc(t.name(), t.hash(), t.expiryAtUs())));
            users.add(new UserDoc(u.id(), u.username(), u.passwordHash(), u.status(), u.createdAtUs(),
                    u.permissions(), tokens));
        }
        return new MetadataFile(CURRENT_VERSION, streams, users);
    }

    /**
     * @param stateDir the metadata directory
     * @return the stored snapshot, or an empty one when none was ever written
     * @throws IOException when the file exists but cannot be read or parsed
     */
    public static MetadataFile load(Path stateDir) throws IOException {
        Path file = stateDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return new MetadataFile(CURRENT_VERSION, List.of(), List.of());
        }
        return JSON.readValue(file.toFile(), MetadataFile.class);
    }

    /**
     * Writes this snapshot durably and atomically. Room for it is taken from the space reserve
     * ({@link SpaceReserve}), so that a save succeeds on a full disk, as deleting a stream must.
     *
     * @param stateDir the metadata directory
     * @throws IOException when writing fails; the previous snapshot is then still in place
     */
    public void save(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        Path tmp = stateDir.resolve(FILE_NAME + ".tmp");
        byte[] bytes = JSON.writeValueAsBytes(this);
        SpaceReserve reserve = new SpaceReserve(stateDir);
        reserve.release(bytes.length);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, stateDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(stateDir, StandardOpenOption.READ)) {
            dir.force(true);
        }
        reserve.refill(reserveBytes(bytes.length));
    }

    /**
     * Creates or regrows the space reserve for metadata saves (at startup); best effort.
     *
     * @param stateDir the metadata directory
     */
    public static void reserveSpace(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME);
        long current = 0;
        try {
            current = Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            current = 0;
        }
        new SpaceReserve(stateDir).refill(reserveBytes(current));
    }

    private static long reserveBytes(long metadataBytes) {
        return Math.max(SpaceReserve.MIN_BYTES, 2 * metadataBytes);
    }
}

package org.iggyj.kernel.metrics;

/**
 * Every meter name the kernel publishes, dot-case with the {@code iggy.} prefix (Prometheus renders
 * {@code iggy.messages.sent} as {@code iggy_messages_sent_total}). Tags are low-cardinality: command
 * names, transport names, stream and topic ids.
 */
public final class MeterNames {

    /** Counter: messages appended, tagged {@link #TAG_STREAM} and {@link #TAG_TOPIC}. */
    public static final String MESSAGES_SENT = "iggy.messages.sent";
    /** Counter: message bytes appended (headers included), tagged by stream and topic. */
    public static final String BYTES_SENT = "iggy.bytes.sent";
    /** Counter: messages returned by polls, tagged by stream and topic. */
    public static final String MESSAGES_POLLED = "iggy.messages.polled";
    /** Counter: message bytes returned by polls, tagged by stream and topic. */
    public static final String BYTES_POLLED = "iggy.bytes.polled";
    /** Timer: commands dispatched, tagged {@link #TAG_COMMAND}; its count is the request counter. */
    public static final String REQUESTS = "iggy.requests";
    /** Counter: commands answered with an error, tagged {@link #TAG_COMMAND}. */
    public static final String REQUEST_ERRORS = "iggy.request.errors";
    /** Gauge: open client sessions, tagged {@link #TAG_TRANSPORT}. */
    public static final String CONNECTIONS = "iggy.connections";
    /** Gauge: streams. */
    public static final String STREAMS = "iggy.streams";
    /** Gauge: topics. */
    public static final String TOPICS = "iggy.topics";
    /** Gauge: partitions. */
    public static final String PARTITIONS = "iggy.partitions";
    /** Gauge: segments. */
    public static final String SEGMENTS = "iggy.segments";
    /** Gauge: stored messages. */
    public static final String MESSAGES = "iggy.messages";
    /** Gauge: users. */
    public static final String USERS = "iggy.users";
    /** Gauge: free bytes on the data directory's file system, as last measured. */
    public static final String STORAGE_FREE = "iggy.storage.free";
    /** Gauge: {@code system.storage.min_free_space} in bytes. */
    public static final String STORAGE_MIN_FREE = "iggy.storage.min.free";
    /** Gauge: 1 while sends are refused for lack of space (below the threshold or disk full), else 0. */
    public static final String STORAGE_LOW_SPACE = "iggy.storage.low.space";
    /** Gauge: partitions refusing appends after a storage failure (read-only until restart). */
    public static final String READ_ONLY_PARTITIONS = "iggy.partitions.read.only";
    /** Timer: partition fsyncs (log and index). */
    public static final String FSYNC = "iggy.fsync";

    /** Gauge (clustering on): this node's role, 0 leader, 1 follower, 2 candidate, 3 other. */
    public static final String CLUSTER_ROLE = "iggy.cluster.role";
    /** Gauge (clustering on): 1 on the leader, else 0. */
    public static final String CLUSTER_LEADER = "iggy.cluster.leader";
    /** Gauge (clustering on): the current Raft term. */
    public static final String CLUSTER_TERM = "iggy.cluster.term";
    /** Gauge (clustering on): the highest log index known committed. */
    public static final String CLUSTER_COMMIT_INDEX = "iggy.cluster.commit.index";
    /** Gauge (clustering on): the highest log index applied on this node. */
    public static final String CLUSTER_APPLIED_INDEX = "iggy.cluster.last.applied.index";
    /**
     * Gauge (clustering on): log entries a follower lacks, tagged {@link #TAG_FOLLOWER}; known on the
     * leader only (NaN on other nodes).
     */
    public static final String CLUSTER_FOLLOWER_LAG = "iggy.cluster.replication.lag";
    /** Counter (clustering on): send entries this node submitted to the replication engine. */
    public static final String CLUSTER_SEND_ENTRIES = "iggy.cluster.send.entries";
    /** Counter (clustering on): sends those entries carried (more than entries when sends were coalesced). */
    public static final String CLUSTER_ENTRY_SENDS = "iggy.cluster.send.entries.sends";
    /**
     * Counter (clustering on, message bytes in the segments): entries' message bytes the leader sent to
     * followers, tagged {@link #TAG_SOURCE} with where it found them: {@code pending} (not applied yet),
     * {@code in_flight} (its in-flight map), {@code partition} (read back: a miss of the map).
     */
    public static final String CLUSTER_ENTRY_DATA_READS = "iggy.cluster.entry.data.reads";
    /** Tag of {@link #CLUSTER_ENTRY_DATA_READS}. */
    public static final String TAG_SOURCE = "source";

    /** Counter: failed logins (wrong password, unknown user or token), tagged {@link #TAG_TRANSPORT}. */
    public static final String LOGIN_FAILURES = "iggy.auth.login.failures";
    /** Counter: logins refused before any check (throttled or hashing queue full), tagged {@link #TAG_REASON}. */
    public static final String LOGINS_REFUSED = "iggy.auth.login.refused";
    /** Counter: Argon2id password verifications run for logins (unknown users' dummy checks included). */
    public static final String PASSWORD_VERIFICATIONS = "iggy.auth.password.verifications";
    /** Counter: password logins answered from a recent successful verification, without Argon2id. */
    public static final String LOGINS_REUSED = "iggy.auth.login.reused";
    /** Counter: throttle periods started, tagged {@link #TAG_KIND} ({@code source} or {@code user}). */
    public static final String THROTTLED = "iggy.auth.throttled";
    /** Gauge: source addresses throttled now. */
    public static final String THROTTLED_SOURCES = "iggy.auth.throttled.sources";
    /** Counter: connections refused or closed before login, tagged {@link #TAG_REASON}. */
    public static final String CONNECTIONS_REFUSED = "iggy.connections.refused";

    /** Tag: why something was refused, e.g. {@code source_throttled}, {@code login_timeout}. */
    public static final String TAG_REASON = "reason";
    /** Tag: what a throttle applies to, {@code source} or {@code user}. */
    public static final String TAG_KIND = "kind";
    /** Tag: the command name, e.g. {@code send_messages}. */
    public static final String TAG_COMMAND = "command";
    /** Tag: the transport name, e.g. {@code tcp}. */
    public static final String TAG_TRANSPORT = "transport";
    /** Tag: a follower's node name ({@code [cluster]}). */
    public static final String TAG_FOLLOWER = "follower";
    /** Tag: the numeric stream id. */
    public static final String TAG_STREAM = "stream";
    /** Tag: the numeric topic id. */
    public static final String TAG_TOPIC = "topic";

    private MeterNames() {
    }
}

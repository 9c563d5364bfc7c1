package org.iggyj.kernel.auth;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.iggyj.protocol.wire.Permissions;
import org.iggyj.protocol.wire.StreamPermissions;
import org.iggyj.protocol.wire.TopicPermissions;

/**
 * Single permission rights for tests, named {@code g.<global right>}, {@code s.<stream right>} and
 * {@code t.<topic right>}, and the rights that allow each row of Iggy 0.8's permission matrix
 * (server-semantics §3.14), transcribed from the specification rather than from the code under test.
 */
public final class Rights {

    private static final List<String> GLOBAL = List.of("manageServers", "readServers", "manageUsers", "readUsers",
            "manageStreams", "readStreams", "manageTopics", "readTopics", "pollMessages", "sendMessages");
    private static final List<String> STREAM = List.of("manageStream", "readStream", "manageTopics",
            "readTopics", "pollMessages", "sendMessages");
    private static final List<String> TOPIC = List.of("manageTopic", "readTopic", "pollMessages",
            "sendMessages");

    /** get stats, get clients, get client. */
    public static final Set<String> SERVER = Set.of("g.manageServers", "g.readServers");
    /** list users, get another user. */
    public static final Set<String> READ_USERS = Set.of("g.manageUsers", "g.readUsers");
    /** create, update, delete users, update permissions, change another's password. */
    public static final Set<String> MANAGE_USERS = Set.of("g.manageUsers");
    /** list streams. */
    public static final Set<String> LIST_STREAMS = Set.of("g.manageStreams", "g.readStreams");
    /** get stream. */
    public static final Set<String> READ_STREAM = Set.of("g.manageStreams", "g.readStreams", "s.manageStream",
            "s.readStream");
    /** create stream. */
    public static final Set<String> CREATE_STREAM = Set.of("g.manageStreams");
    /** update, delete, purge stream. */
    public static final Set<String> MANAGE_STREAM = Set.of("g.manageStreams", "s.manageStream");
    /** list topics. */
    public static final Set<String> LIST_TOPICS = Set.of("g.manageStreams", "g.readStreams", "g.manageTopics",
            "g.readTopics", "s.manageStream", "s.readStream", "s.manageTopics", "s.readTopics");
    /** get topic, consumer-group commands. */
    public static final Set<String> READ_TOPIC = union(LIST_TOPICS, Set.of("t.manageTopic", "t.readTopic"));
    /** create topic. */
    public static final Set<String> CREATE_TOPIC = Set.of("g.manageStreams", "g.manageTopics", "s.manageStream",
            "s.manageTopics");
    /** update, delete, purge topic, partitions, segments. */
    public static final Set<String> MANAGE_TOPIC = union(CREATE_TOPIC, Set.of("t.manageTopic"));
    /** poll, consumer offsets. */
    public static final Set<String> POLL = Set.of("g.pollMessages", "g.manageStreams", "g.readStreams",
            "g.manageTopics", "g.readTopics", "s.manageStream", "s.readStream", "s.manageTopics", "s.readTopics",
            "s.pollMessages", "t.manageTopic", "t.readTopic", "t.pollMessages");
    /** send, flush unsaved buffer. */
    public static final Set<String> SEND = Set.of("g.sendMessages", "g.manageStreams", "g.manageTopics",
            "s.manageStream", "s.manageTopics", "s.sendMessages", "t.manageTopic", "t.sendMessages");

    private Rights() {
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** @return all 20 single rights: 10 global, 6 per stream, 4 per topic */
    public static List<String> all() {
        List<String> all = new ArrayList<>();
        GLOBAL.forEach(r -> all.add("g." + r));
        STREAM.forEach(r -> all.add("s." + r));
        TOPIC.forEach(r -> all.add("t." + r));
        return all;
    }

    /** @return permissions holding exactly one right, scoped (when scoped) to that stream and topic */
    public static Permissions only(String right, long streamId, long topicId) {
        String name = right.substring(2);
        boolean[] g = new boolean[10];
        TreeMap<Long, StreamPermissions> streams = new TreeMap<>();
        if (right.startsWith("g.")) {
            g[index(GLOBAL, name)] = true;
        } else {
            boolean[] s = new boolean[6];
            TreeMap<Long, TopicPermissions> topics = new TreeMap<>();
            if (right.startsWith("s.")) {
                s[index(STREAM, name)] = true;
            } else {
                boolean[] t = new boolean[4];
                t[index(TOPIC, name)] = true;
                topics.put(topicId, new TopicPermissions(t[0], t[1], t[2], t[3]));
            }
            streams.put(streamId, new StreamPermissions(s[0], s[1], s[2], s[3], s[4], s[5], topics));
        }
        return new Permissions(g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9], streams);
    }

    private static int index(List<String> names, String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown right " + name);
        }
        return i;
    }
}

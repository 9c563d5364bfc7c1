package org.iggyj.transport.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.iggyj.protocol.response.ClientReader;
import org.iggyj.protocol.response.ConsumerGroupReader;
import org.iggyj.protocol.response.StreamReader;
import org.iggyj.protocol.response.TopicReader;
import org.iggyj.protocol.response.UserReader;
import org.iggyj.protocol.wire.Permissions;
import org.iggyj.protocol.wire.StreamPermissions;
import org.iggyj.protocol.wire.TopicPermissions;

/**
 * Decoded binary replies rendered as the JSON objects of http-api.md §7, field names and order as
 * Iggy 0.8 writes them. Stateless.
 */
final class JsonViews {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonViews() {
    }

    static ObjectNode object() {
        return F.objectNode();
    }

    static ArrayNode array() {
        return F.arrayNode();
    }

    static void u64(ObjectNode node, String field, long value) {
        if (value < 0) {
            node.put(field, new BigInteger(Long.toUnsignedString(value)));
        } else {
            node.put(field, value);
        }
    }

    static ObjectNode stream(StreamReader.Stream s) {
        ObjectNode n = object();
        n.put("id", s.id());
        n.put("created_at", s.createdAtUs());
        n.put("name", s.name());
        n.put("size", SizeText.of(s.sizeBytes()));
        n.put("messages_count", s.messagesCount());
        n.put("topics_count", s.topicsCount());
        return n;
    }

    static ObjectNode streamDetails(StreamReader.StreamDetails d) {
        ObjectNode n = stream(d.stream());
        ArrayNode topics = n.putArray("topics");
        d.topics().stream().sorted((a, b) -> Long.compare(a.id(), b.id())).forEach(t -> topics.add(topic(t)));
        return n;
    }

    static ObjectNode topic(TopicReader.Topic t) {
        ObjectNode n = object();
        n.put("id", t.id());
        n.put("created_at", t.createdAtUs());
        n.put("name", t.name());
        n.put("size", SizeText.of(t.sizeBytes()));
        u64(n, "message_expiry", t.messageExpiryUs());
        n.put("compression_algorithm", t.compression() == 2 ? "gzip" : "none");
        u64(n, "max_topic_size", t.maxTopicSize());
        n.put("replication_factor", t.replicationFactor());
        n.put("messages_count", t.messagesCount());
        n.put("partitions_count", t.partitionsCount());
        return n;
    }

    static ObjectNode topicDetails(TopicReader.TopicDetails d) {
        ObjectNode n = topic(d.topic());
        ArrayNode partitions = n.putArray("partitions");
        for (TopicReader.Partition p : d.partitions()) {
            ObjectNode pn = partitions.addObject();
            pn.put("id", p.id());
            pn.put("created_at", p.createdAtUs());
            pn.put("segments_count", p.segmentsCount());
            pn.put("current_offset", p.currentOffset());
            pn.put("size", SizeText.of(p.sizeBytes()));
            pn.put("messages_count", p.messagesCount());
        }
        return n;
    }

    static ObjectNode group(ConsumerGroupReader.Group g) {
        ObjectNode n = object();
        n.put("id", g.id());
        n.put("name", g.name());
        n.put("partitions_count", g.partitionsCount());
        n.put("members_count", g.membersCount());
        return n;
    }

    static ObjectNode groupDetails(ConsumerGroupReader.GroupDetails d) {
        ObjectNode n = group(d.group());
        ArrayNode members = n.putArray("members");
        for (ConsumerGroupReader.Member m : d.members()) {
            ObjectNode mn = members.addObject();
            mn.put("id", m.id());
            mn.put("partitions_count", m.partitions().size());
            ArrayNode ps = mn.putArray("partitions");
            m.partitions().forEach(ps::add);
        }
        return n;
    }

    static ObjectNode user(UserReader.User u) {
        ObjectNode n = object();
        n.put("id", u.id());
        n.put("created_at", u.createdAtUs());
        n.put("status", u.status() == 2 ? "inactive" : "active");
        n.put("username", u.username());
        return n;
    }

    static ObjectNode userDetails(UserReader.UserDetails d) {
        ObjectNode n = user(d.user());
        if (d.permissions() == null) {
            n.putNull("permissions");
        } else {
            n.set("permissions", permissions(d.permissions()));
        }
        return n;
    }

    static ObjectNode permissions(Permissions p) {
        ObjectNode n = object();
        ObjectNode g = n.putObject("global");
        g.put("manage_servers", p.manageServers());
        g.put("read_servers", p.readServers());
        g.put("manage_users", p.manageUsers());
        g.put("read_users", p.readUsers());
        g.put("manage_streams", p.manageStreams());
        g.put("read_streams", p.readStreams());
        g.put("manage_topics", p.manageTopics());
        g.put("read_topics", p.readTopics());
        g.put("poll_messages", p.pollMessages());
        g.put("send_messages", p.sendMessages());
        if (p.streams().isEmpty()) {
            n.putNull("streams");
            return n;
        }
        ObjectNode streams = n.putObject("streams");
        for (Map.Entry<Long, StreamPermissions> e : p.streams().entrySet()) {
            StreamPermissions s = e.getValue();
            ObjectNode sn = streams.putObject(Long.toString(e.getKey()));
            sn.put("manage_stream", s.manageStream());
            sn.put("read_stream", s.readStream());
            sn.put("manage_topics", s.manageTopics());
            sn.put("read_topics", s.readTopics());
            sn.put("poll_messages", s.pollMessages());
            sn.put("send_messages", s.sendMessages());
            if (s.topics().isEmpty()) {
                sn.putNull("topics");
                continue;
            }
            ObjectNode topics = sn.putObject("topics");
            for (Map.Entry<Long, TopicPermissions> te : s.topics().entrySet()) {
                TopicPermissions t = te.getValue();
                ObjectNode tn = topics.putObject(Long.toString(te.getKey()));
                tn.put("manage_topic", t.manageTopic());
                tn.put("read_topic", t.readTopic());
                tn.put("poll_messages", t.pollMessages());
                tn.put("send_messages", t.sendMessages());
            }
        }
        return n;
    }

    static ObjectNode client(ClientReader.Client c) {
        ObjectNode n = object();
        n.put("client_id", c.clientId());
        if (c.userId() == 0xFFFF_FFFFL) {
            n.putNull("user_id");
        } else {
            n.put("user_id", c.userId());
        }
        n.put("address", c.address());
        n.put("transport", switch (c.transportCode()) {
            case 2 -> "quic";
            case 3 -> "http";
            case 4 -> "ws";
            default -> "tcp";
        });
        n.put("consumer_groups_count", c.consumerGroupsCount());
        return n;
    }

    static ObjectNode clientDetails(ClientReader.ClientDetails d) {
        ObjectNode n = client(d.client());
        ArrayNode groups = n.putArray("consumer_groups");
        for (ClientReader.GroupRef g : d.groups()) {
            ObjectNode gn = groups.addObject();
            gn.put("stream_id", g.streamId());
            gn.put("topic_id", g.topicId());
            gn.put("group_id", g.groupId());
        }
        return n;
    }

    static <T> ArrayNode list(List<T> items, java.util.function.Function<T, ObjectNode> view) {
        ArrayNode a = array();
        items.forEach(i -> a.add(view.apply(i)));
        return a;
    }
}

package org.iggyj.cli;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.iggyj.protocol.response.ClientReader;
import org.iggyj.protocol.response.ConsumerGroupReader;
import org.iggyj.protocol.response.Stats;
import org.iggyj.protocol.response.StreamReader;
import org.iggyj.protocol.response.TopicReader;
import org.iggyj.protocol.response.UserReader;
import org.iggyj.protocol.wire.WireReader;

/**
 * Turns Iggy 0.8 reply payloads into rows for {@link Output}. Decoding is the protocol module's
 * ({@code org.iggyj.protocol.response.*Reader}); this class only chooses columns and formats values.
 */
final class Replies {

    private Replies() {
    }

    static List<Map<String, Object>> streams(byte[] reply, boolean single) {
        ByteBuf buf = Unpooled.wrappedBuffer(reply);
        if (!single) {
            return rows(StreamReader.streams(buf), Replies::stream);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        while (buf.isReadable()) {
            StreamReader.StreamDetails details = StreamReader.details(buf);
            Map<String, Object> row = stream(details.stream());
            row.put("topic_list", rows(details.topics(), Replies::topic));
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> stream(StreamReader.Stream s) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", s.id());
        row.put("created_at", time(s.createdAtUs()));
        row.put("topics", s.topicsCount());
        row.put("size_bytes", s.sizeBytes());
        row.put("messages", s.messagesCount());
        row.put("name", s.name());
        return row;
    }

    static List<Map<String, Object>> topics(byte[] reply, boolean single) {
        ByteBuf buf = Unpooled.wrappedBuffer(reply);
        if (!single) {
            return rows(TopicReader.topics(buf), Replies::topic);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        while (buf.isReadable()) {
            TopicReader.TopicDetails details = TopicReader.details(buf);
            Map<String, Object> row = topic(details.topic());
            row.put("partition_list", rows(details.partitions(), Replies::partition));
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> topic(TopicReader.Topic t) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", t.id());
        row.put("created_at", time(t.createdAtUs()));
        row.put("partitions", t.partitionsCount());
        row.put("message_expiry_us", unsigned(t.messageExpiryUs()));
        row.put("compression", t.compression());
        row.put("max_topic_size", unsigned(t.maxTopicSize()));
        row.put("replication_factor", t.replicationFactor());
        row.put("size_bytes", t.sizeBytes());
        row.put("messages", t.messagesCount());
        row.put("name", t.name());
        return row;
    }

    private static Map<String, Object> partition(TopicReader.Partition p) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", p.id());
        row.put("created_at", time(p.createdAtUs()));
        row.put("segments", p.segmentsCount());
        row.put("current_offset", p.currentOffset());
        row.put("size_bytes", p.sizeBytes());
        row.put("messages", p.messagesCount());
        return row;
    }

    static List<Map<String, Object>> users(byte[] reply, boolean single) {
        ByteBuf buf = Unpooled.wrappedBuffer(reply);
        if (!single) {
            return rows(UserReader.users(buf), Replies::user);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        while (buf.isReadable()) {
            UserReader.UserDetails details = UserReader.details(buf);
            Map<String, Object> row = user(details.user());
            row.put("permissions", details.permissions() == null ? "none" : details.permissions().toString());
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> user(UserReader.User u) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", u.id());
        row.put("created_at", time(u.createdAtUs()));
        row.put("status", u.status() == 1 ? "active" : "inactive");
        row.put("username", u.username());
        return row;
    }

    static List<Map<String, Object>> tokens(byte[] reply) {
        return rows(UserReader.tokens(Unpooled.wrappedBuffer(reply)), t -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", t.name());
            long expiry = t.expiryAtUs();
            row.put("expiry", expiry == 0 || expiry == -1 ? "never" : time(expiry));
            return row;
        });
    }

    static List<Map<String, Object>> groups(byte[] reply, boolean single) {
        ByteBuf buf = Unpooled.wrappedBuffer(reply);
        if (!single) {
            return rows(ConsumerGroupReader.groups(buf), Replies::group);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        while (buf.isReadable()) {
            ConsumerGroupReader.GroupDetails details = ConsumerGroupReader.details(buf);
            Map<String, Object> row = group(details.group());
            row.put("member_list", rows(details.members(), m -> {
                Map<String, Object> member = new LinkedHashMap<>();
                member.put("id", m.id());
                member.put("partitions", m.partitions());
                return member;
            }));
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> group(ConsumerGroupReader.Group g) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", g.id());
        row.put("partitions", g.partitionsCount());
        row.put("members", g.membersCount());
        row.put("name", g.name());
        return row;
    }

    static List<Map<String, Object>> clients(byte[] reply, boolean single) {
        ByteBuf buf = Unpooled.wrappedBuffer(reply);
        if (!single) {
            return rows(ClientReader.clients(buf), Replies::client);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        while (buf.isReadable()) {
            ClientReader.ClientDetails details = ClientReader.details(buf);
            Map<String, Object> row = client(details.client());
            row.put("groups", details.groups().stream()
                    .map(g -> g.streamId() + "/" + g.topicId() + "/" + g.groupId()).toList());
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> client(ClientReader.Client c) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("client_id", c.clientId());
        row.put("user_id", c.userId() == 0xFFFF_FFFFL ? "-" : c.userId());
        row.put("transport", switch (c.transportCode()) {
            case 1 -> "tcp";
            case 2 -> "quic";
            case 3 -> "http";
            case 4 -> "websocket";
            default -> String.valueOf(c.transportCode());
        });
        row.put("address", c.address());
        row.put("consumer_groups", c.consumerGroupsCount());
        return row;
    }

    private static <T> List<Map<String, Object>> rows(List<T> records, Function<T, Map<String, Object>> toRow) {
        List<Map<String, Object>> rows = new ArrayList<>(records.size());
        records.forEach(r -> rows.add(toRow.apply(r)));
        return rows;
    }

    static Map<String, Object> offset(byte[] reply) {
        Map<String, Object> row = new LinkedHashMap<>();
        if (reply.length == 0) {
            row.put("stored_offset", "none");
            return row;
        }
        ByteBuf buf = Unpooled.wrappedBuffer(reply);
        row.put("partition_id", WireReader.u32(buf));
        row.put("current_offset", WireReader.u64(buf));
        row.put("stored_offset", WireReader.u64(buf));
        return row;
    }

    static Map<String, Object> stats(Stats s) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("server_version", s.serverVersion());
        row.put("process_id", s.processId());
        row.put("hostname", s.hostname());
        row.put("os", s.osName() + " " + s.osVersion());
        row.put("run_time_us", s.runTimeUs());
        row.put("streams", s.streamsCount());
        row.put("topics", s.topicsCount());
        row.put("partitions", s.partitionsCount());
        row.put("segments", s.segmentsCount());
        row.put("messages", s.messagesCount());
        row.put("messages_size_bytes", s.messagesSizeBytes());
        row.put("clients", s.clientsCount());
        row.put("consumer_groups", s.consumerGroupsCount());
        row.put("memory_usage_bytes", s.memoryUsage());
        row.put("threads", s.threadsCount());
        return row;
    }

    private static String time(long micros) {
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000).toString();
    }

    private static Object unsigned(long value) {
        return value == -1 ? "unlimited" : Long.toUnsignedString(value);
    }
}

package org.iggyj.cli;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iggyj.protocol.response.Stats;
import org.iggyj.protocol.wire.Permissions;
import org.iggyj.protocol.wire.WireReader;

/**
 * Decodes Iggy 0.8 reply payloads into rows for {@link Output}. Layouts as written by the server's
 * {@code ResponseWriter}: all integers little-endian, names {@code u8 length + UTF-8}.
 */
final class Replies {

    private Replies() {
    }

    static List<Map<String, Object>> streams(byte[] reply, boolean single) {
        ByteBuf buf = Unpooled.wrappedBuffer(reply);
        List<Map<String, Object>> rows = new ArrayList<>();
        while (buf.isReadable()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", WireReader.u32(buf));
            row.put("created_at", time(WireReader.u64(buf)));
            row.put("topics", WireReader.u32(buf));
            row.put("size_bytes", WireReader.u64(buf));
            row.put("messages", WireReader.u64(buf));
            row.put("name", WireReader.name(buf));
            rows.add(row);
            if (single) {
                row.put("topic_list", topics(buf, false));
            }
        }
        return rows;
    }

    static List<Map<String, Object>> topics(byte[] reply, boolean single) {
        return topics(Unpooled.wrappedBuffer(reply), single);
    }

    private static List<Map<String, Object>> topics(ByteBuf buf, boolean single) {
        List<Map<String, Object>> rows = new ArrayList<>();
        while (buf.isReadable()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", WireReader.u32(buf));
            row.put("created_at", time(WireReader.u64(buf)));
            row.put("partitions", WireReader.u32(buf));
            row.put("message_expiry_us", unsigned(buf.readLongLE()));
            row.put("compression", WireReader.u8(buf));
            row.put("max_topic_size", unsigned(buf.readLongLE()));
            row.put("replication_factor", WireReader.u8(buf));
            row.put("size_bytes", WireReader.u64(buf));
            row.put("messages", WireReader.u64(buf));
            row.put("name", WireReader.name(buf));
            rows.add(row);
            if (single) {
                List<Map<String, Object>> partitions = new ArrayList<>();
                while (buf.isReadable()) {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("id", WireReader.u32(buf));
                    p.put("created_at", time(WireReader.u64(buf)));
                    p.put("segments", WireReader.u32(buf));
                    p.put("current_offset", WireReader.u64(buf));
                    p.put("size_bytes", WireReader.u64(buf));
                    p.put("messages", WireReader.u64(buf));
                    partitions.add(p);
                }
                row.put("partition_list", partitions);
            }
        }
        return rows;
    }

    static List<Map<String, Object>> users(byte[] reply, boolean single) {
        ByteBuf buf = Unpooled.wrappedBuffer(reply);
        List<Map<String, Object>> rows = new ArrayList<>();
        while (buf.isReadable()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", WireReader.u32(buf));
            row.put("created_at", time(WireReader.u64(buf)));
            row.put("status", WireReader.u8(buf) == 1 ? "active" : "inactive");
            row.put("username", WireReader.name(buf));
            rows.add(row);
            if (single) {
                boolean has = buf.isReadable() && WireReader.u8(buf) == 1;
                if (has) {
                    int length = (int) WireReader.u32(buf);
                    row.put("permissions", Permissions.read(buf, length).toString());
                } else {
                    buf.skipBytes(Math.min(3, buf.readableBytes()));
                    row.put("permissions", "none");
                }
            }
        }
        return rows;
    }

    static List<Map<String, Object>> tokens(byte[] reply) {
        ByteBuf buf = Unpooled.wrappedBuffer(reply);
        List<Map<String, Object>> rows = new ArrayList<>();
        while (buf.isReadable()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", WireReader.name(buf));
            long expiry = buf.readLongLE();
            row.put("expiry", expiry == 0 || expiry == -1 ? "never" : time(expiry));
            rows.add(row);
        }
        return rows;
    }

    static List<Map<String, Object>> groups(byte[] reply, boolean single) {
        ByteBuf buf = Unpooled.wrappedBuffer(reply);
        List<Map<String, Object>> rows = new ArrayList<>();
        while (buf.isReadable()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", WireReader.u32(buf));
            row.put("partitions", WireReader.u32(buf));
            long members = WireReader.u32(buf);
            row.put("members", members);
            row.put("name", WireReader.name(buf));
            rows.add(row);
            if (single) {
                List<Map<String, Object>> list = new ArrayList<>();
                for (long m = 0; m < members && buf.isReadable(); m++) {
                    Map<String, Object> member = new LinkedHashMap<>();
                    member.put("id", WireReader.u32(buf));
                    long count = WireReader.u32(buf);
                    List<Long> partitions = new ArrayList<>();
                    for (long p = 0; p < count; p++) {
                        partitions.add(WireReader.u32(buf));
                    }
                    member.put("partitions", partitions);
                    list.add(member);
                }
                row.put("member_list", list);
            }
        }
        return rows;
    }

    static List<Map<String, Object>> clients(byte[] reply, boolean single) {
        ByteBuf buf = Unpooled.wrappedBuffer(reply);
        List<Map<String, Object>> rows = new ArrayList<>();
        while (buf.isReadable()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("client_id", WireReader.u32(buf));
            long user = WireReader.u32(buf);
            row.put("user_id", user == 0xFFFF_FFFFL ? "-" : user);
            int transport = WireReader.u8(buf);
            row.put("transport", switch (transport) {
                case 1 -> "tcp";
                case 2 -> "quic";
                case 3 -> "http";
                case 4 -> "websocket";
                default -> String.valueOf(transport);
            });
            row.put("address", WireReader.str32(buf));
            long groups = WireReader.u32(buf);
            row.put("consumer_groups", groups);
            rows.add(row);
            if (single) {
                List<String> list = new ArrayList<>();
                for (long g = 0; g < groups && buf.isReadable(); g++) {
                    list.add(WireReader.u32(buf) + "/" + WireReader.u32(buf) + "/" + WireReader.u32(buf));
                }
                row.put("groups", list);
            }
        }
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

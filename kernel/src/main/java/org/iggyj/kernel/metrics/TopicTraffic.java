package org.iggyj.kernel.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Messages and bytes sent and polled per stream and topic ({@link MeterNames#MESSAGES_SENT} and
 * friends). The four counters of a topic are resolved on its first use and cached, so a send or poll
 * costs one map lookup and two increments, never a registry lookup per message. Before
 * {@link #bind} it records nothing. Thread-safe.
 */
public final class TopicTraffic {

    private final ConcurrentMap<Long, Counters> byTopic = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

    /**
     * @param registry where the counters live (the kernel's composite registry)
     */
    public void bind(MeterRegistry registry) {
        this.registry = registry;
        byTopic.clear();
    }

    /**
     * @param streamId stream id
     * @param topicId  topic id
     * @param messages messages appended
     * @param bytes    their size on the wire
     */
    public void sent(long streamId, long topicId, long messages, long bytes) {
        Counters c = counters(streamId, topicId);
        if (c != null) {
            c.messagesSent.increment(messages);
            c.bytesSent.increment(bytes);
        }
    }

    /**
     * @param streamId stream id
     * @param topicId  topic id
     * @param messages messages returned
     * @param bytes    their size on the wire
     */
    public void polled(long streamId, long topicId, long messages, long bytes) {
        Counters c = counters(streamId, topicId);
        if (c != null) {
            c.messagesPolled.increment(messages);
            c.bytesPolled.increment(bytes);
        }
    }

    private Counters counters(long streamId, long topicId) {
        MeterRegistry r = registry;
        if (r == null) {
            return null;
        }
        Long key = (streamId << 32) | (topicId & 0xFFFF_FFFFL);
        Counters known = byTopic.get(key);
        if (known != null) {
            // The common case: no capturing lambda, no tag strings, on every request.
            return known;
        }
        return byTopic.computeIfAbsent(key, k -> new Counters(r,
                Tags.of(MeterNames.TAG_STREAM, Long.toString(streamId), MeterNames.TAG_TOPIC, Long.toString(topicId))));
    }

    private static final class Counters {
        final Counter messagesSent;
        final Counter bytesSent;
        final Counter messagesPolled;
        final Counter bytesPolled;

        Counters(MeterRegistry r, Tags tags) {
            messagesSent = Counter.builder(MeterNames.MESSAGES_SENT).description("messages appended").tags(tags)
                    .register(r);
            bytesSent = Counter.builder(MeterNames.BYTES_SENT).description("message bytes appended").tags(tags)
                    .baseUnit("bytes").register(r);
            messagesPolled = Counter.builder(MeterNames.MESSAGES_POLLED).description("messages returned by polls")
                    .tags(tags).register(r);
            bytesPolled = Counter.builder(MeterNames.BYTES_POLLED).description("message bytes returned by polls")
                    .tags(tags).baseUnit("bytes").register(r);
        }
    }
}

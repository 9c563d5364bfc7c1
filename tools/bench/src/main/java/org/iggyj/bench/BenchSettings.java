package org.iggyj.bench;

import org.iggyj.client.ClientTls;
import org.iggyj.client.ClientTransport;
import java.nio.file.Path;
import java.util.List;
import org.iggyj.client.NodeAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything one run needs, resolved from the command line (scenario defaults applied) and validated.
 *
 * @param scenario                the scenario
 * @param messageSize             payload bytes per message
 * @param messagesPerBatch        messages per send or poll
 * @param batches                 batches per actor
 * @param producers               producing actors (also the actors of the producing-consumer scenario)
 * @param consumers               consuming actors
 * @param streams                 streams used
 * @param partitions              partitions of each topic the run creates
 * @param consumerGroups          groups the consumers spread over
 * @param warmupNs                time producers send unmeasured before measuring
 * @param warmupBatches           batches each actor moves unmeasured before the run's clock starts (the
 *                                warm-up by count: the same work on every transport, unlike a time)
 * @param samplingNs              time-series bucket
 * @param movingAverageWindow     chart smoothing window, in buckets
 * @param rateLimitBytesPerSecond aggregate payload rate of all producers; 0 = unlimited
 * @param username                login user
 * @param password                login password; never reported
 * @param nodes                   the server, or the nodes of a cluster in the order to try them
 * @param preferLeader            connect to the leader that get_cluster_metadata reports
 * @param reuseStreams            keep existing bench streams instead of recreating them
 * @param idleTimeoutNs           a consumer that receives nothing for this long stops
 * @param outputDir               where report.json and report.html go, or null for none
 * @param identifier              free label of this run in the report (upstream: the host name)
 * @param remark                  free remark in the report, may be empty
 * @param transport               TCP, WebSocket or QUIC
 * @param tls                     TLS settings of every connection
 * @param inFlight                sends a producer keeps in flight on its connection (1 = one at a time)
 * @param pollMessages            messages a consumer asks for per poll (its batches are its polls); a
 *                                consumer still reads {@code batches x messagesPerBatch} messages, what
 *                                one producer of the same settings wrote
 * @param pollsInFlight           polls a consumer keeps in flight on its connection (fetch-ahead; 1 = one at a
 *                                time)
 */
record BenchSettings(Scenario scenario, int messageSize, int messagesPerBatch, long batches, int producers,
                     int consumers, int streams, int partitions, int consumerGroups, long warmupNs, long warmupBatches,
                     long samplingNs,
                     int movingAverageWindow, long rateLimitBytesPerSecond, String username, String password,
                     List<NodeAddress> nodes, boolean preferLeader, boolean reuseStreams, long idleTimeoutNs, Path outputDir,
                     String identifier, String remark, ClientTransport transport, ClientTls tls,
                     int inFlight, int pollMessages, int pollsInFlight) {

    /** The topic of every bench stream. */
    static final String TOPIC = "topic-1";

    /** Checks the combination; throws {@link IllegalArgumentException} naming the bad option. */
    BenchSettings {
        require(!nodes.isEmpty(), "--server-address needs at least one host:port");
        nodes = List.copyOf(nodes);
        require(messageSize >= 0, "--message-size must be 0 or more");
        require(messagesPerBatch >= 1, "--messages-per-batch must be at least 1");
        require(batches >= 1, "--message-batches must be at least 1");
        require(producers >= 0 && consumers >= 0 && producers + consumers >= 1, "at least one actor is needed");
        require(streams >= 1, "--streams must be at least 1");
        require(inFlight >= 1, "--in-flight must be at least 1");
        require(pollMessages >= 1, "--poll-messages must be at least 1");
        require(pollsInFlight >= 1, "--polls-in-flight must be at least 1");
        require(warmupBatches >= 0, "--warmup-messages must be 0 or more");
        require(samplingNs > 0, "--sampling-time must be positive");
        Scenario.Producing producing = scenario.producing();
        require(producing == Scenario.Producing.NONE || producers >= 1, "--producers must be at least 1");
        require(scenario.consuming() == Scenario.Consuming.NONE || consumers >= 1, "--consumers must be at least 1");
        if (producing == Scenario.Producing.PINNED || producing == Scenario.Producing.PRODUCING_CONSUMER) {
            require(streams == producers, "--streams must equal --producers for " + scenario.command());
            require(partitions == 1, "--partitions must be 1 for " + scenario.command());
        }
        if (scenario.consuming() == Scenario.Consuming.PINNED) {
            require(streams <= consumers, "--streams must not exceed --consumers for " + scenario.command());
        }
        if (producing == Scenario.Producing.BALANCED) {
            require(partitions >= 2, "--partitions must be at least 2 for " + scenario.command());
        }
        if (scenario.consuming() == Scenario.Consuming.GROUP) {
            require(consumerGroups >= streams, "--consumer-groups must be at least --streams");
            require(consumerGroups <= consumers, "--consumer-groups must not exceed --consumers");
        }
    }

    /** @return messages each actor moves unmeasured before the run's clock starts */
    long warmupMessages() {
        return warmupBatches * messagesPerBatch;
    }

    /** @return the name of stream {@code n} (1-based) */
    static String streamName(int n) {
        return "bench-stream-" + n;
    }

    /** @return the name of group {@code n} (1-based) */
    static String groupName(int n) {
        return "cg-" + n;
    }

    /** @return the settings as reported (no password) */
    Map<String, Object> reported() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("benchmark", scenario.command());
        m.put("transport", transport.name().toLowerCase(java.util.Locale.ROOT));
        m.put("tls", tls.enabled());
        m.put("server_address", nodes.stream().map(NodeAddress::toString)
                .collect(java.util.stream.Collectors.joining(",")));
        m.put("prefer_leader", preferLeader);
        m.put("message_size", messageSize);
        m.put("messages_per_batch", messagesPerBatch);
        m.put("message_batches", batches);
        m.put("producers", producers);
        m.put("consumers", consumers);
        m.put("streams", streams);
        m.put("partitions", partitions);
        m.put("consumer_groups", consumerGroups);
        m.put("warmup_ms", warmupNs / 1e6);
        m.put("warmup_messages", warmupMessages());
        m.put("sampling_ms", samplingNs / 1e6);
        m.put("moving_average_window", movingAverageWindow);
        m.put("rate_limit_bytes_per_second", rateLimitBytesPerSecond);
        m.put("in_flight", inFlight);
        m.put("poll_messages", pollMessages);
        m.put("polls_in_flight", pollsInFlight);
        m.put("identifier", identifier);
        m.put("remark", remark);
        return m;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}

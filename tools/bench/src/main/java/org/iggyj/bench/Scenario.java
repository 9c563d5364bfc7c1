package org.iggyj.bench;

/**
 * The upstream benchmark scenarios: who sends, who polls, how, and the defaults of each (server-semantics
 * §4.2). Streams are {@code bench-stream-1..N}, each with one topic {@code topic-1}; groups are
 * {@code cg-1..G}.
 */
enum Scenario {
    /** Each producer sends to partition 0 of its own stream. */
    PINNED_PRODUCER("pinned-producer", "pp", 8, 0, 1, 0, Producing.PINNED, Consuming.NONE, true),
    /** Each consumer polls partition 0 of its stream with the offset strategy; data must exist. */
    PINNED_CONSUMER("pinned-consumer", "pc", 0, 8, 1, 0, Producing.NONE, Consuming.PINNED, false),
    /** Both at once; consumers measure end-to-end latency from the origin timestamp. */
    PINNED_PRODUCER_AND_CONSUMER("pinned-producer-and-consumer", "ppc", 8, 8, 1, 0, Producing.PINNED,
            Consuming.PINNED, true),
    /** Producers send balanced over the partitions of one stream. */
    BALANCED_PRODUCER("balanced-producer", "bp", 8, 0, 24, 0, Producing.BALANCED, Consuming.NONE, true),
    /** Consumers join a group and poll with next + auto-commit; data must exist. */
    BALANCED_CONSUMER_GROUP("balanced-consumer-group", "bcg", 0, 8, 24, 1, Producing.NONE, Consuming.GROUP,
            false),
    /** Balanced producers and group consumers at once; end-to-end latency. */
    BALANCED_PRODUCER_AND_CONSUMER_GROUP("balanced-producer-and-consumer-group", "bpcg", 8, 8, 24, 1,
            Producing.BALANCED, Consuming.GROUP, true),
    /** Each actor sends a batch to its own stream and polls it back. */
    END_TO_END_PRODUCING_CONSUMER("end-to-end-producing-consumer", "e2e", 8, 0, 1, 0,
            Producing.PRODUCING_CONSUMER, Consuming.NONE, true);

    /** How producers pick their target. */
    enum Producing { NONE, PINNED, BALANCED, PRODUCING_CONSUMER }

    /** How consumers poll. */
    enum Consuming { NONE, PINNED, GROUP }

    private final String command;
    private final String alias;
    private final int producers;
    private final int consumers;
    private final int partitions;
    private final int groups;
    private final Producing producing;
    private final Consuming consuming;
    private final boolean createsStreams;

    Scenario(String command, String alias, int producers, int consumers, int partitions, int groups,
             Producing producing, Consuming consuming, boolean createsStreams) {
        this.command = command;
        this.alias = alias;
        this.producers = producers;
        this.consumers = consumers;
        this.partitions = partitions;
        this.groups = groups;
        this.producing = producing;
        this.consuming = consuming;
        this.createsStreams = createsStreams;
    }

    String command() {
        return command;
    }

    String alias() {
        return alias;
    }

    int defaultProducers() {
        return producers;
    }

    int defaultConsumers() {
        return consumers;
    }

    int defaultPartitions() {
        return partitions;
    }

    int defaultGroups() {
        return groups;
    }

    Producing producing() {
        return producing;
    }

    Consuming consuming() {
        return consuming;
    }

    /** @return one line for the help text */
    String description() {
        return switch (this) {
            case PINNED_PRODUCER -> "Each producer sends to partition 0 of its own stream.";
            case PINNED_CONSUMER -> "Each consumer polls partition 0 of its stream (offset strategy); run pp first.";
            case PINNED_PRODUCER_AND_CONSUMER -> "Pinned producers and consumers at once; end-to-end latency.";
            case BALANCED_PRODUCER -> "Producers send balanced over the partitions of one stream.";
            case BALANCED_CONSUMER_GROUP -> "Consumers join a group, poll next + auto-commit; run bp first.";
            case BALANCED_PRODUCER_AND_CONSUMER_GROUP -> "Balanced producers and group consumers at once.";
            case END_TO_END_PRODUCING_CONSUMER -> "Each actor sends a batch to its stream and polls it back.";
        };
    }

    /** @return whether the scenario (re)creates its streams, rather than reading existing ones */
    boolean createsStreams() {
        return createsStreams;
    }

    /** @return whether consumers run alongside producers and measure latency from the origin timestamp */
    boolean endToEndLatency() {
        return producing != Producing.NONE && consuming != Consuming.NONE;
    }

    /**
     * @return the default stream count: one per pinned actor, else one
     */
    int defaultStreams(int producerCount, int consumerCount) {
        if (producing == Producing.PINNED || producing == Producing.PRODUCING_CONSUMER) {
            return producerCount;
        }
        if (consuming == Consuming.PINNED) {
            return consumerCount;
        }
        return 1;
    }
}

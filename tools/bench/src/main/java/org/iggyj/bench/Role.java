package org.iggyj.bench;

/** What an actor does; also the name of its result group in reports. */
enum Role {
    /** Sends batches. */
    PRODUCER("producer", "Producers"),
    /** Polls batches. */
    CONSUMER("consumer", "Consumers"),
    /** Sends a batch, then polls it back. */
    PRODUCING_CONSUMER("producing_consumer", "Producing Consumers");

    private final String label;
    private final String groupTitle;

    Role(String label, String groupTitle) {
        this.label = label;
        this.groupTitle = groupTitle;
    }

    /** @return the snake_case name used in JSON */
    String label() {
        return label;
    }

    /** @return the heading of this role's group */
    String groupTitle() {
        return groupTitle;
    }
}

package org.iggyj.kernel.storage;

/** Whose offset a {@link ConsumerOffsets} entry is: a regular consumer's or a consumer group's. */
public enum ConsumerOffsetKind {
    /** A regular consumer, stored under {@code offsets/consumers/<id>}. */
    CONSUMER("consumers"),
    /** A consumer group, stored under {@code offsets/groups/<id>}. */
    GROUP("groups");

    private final String directoryName;

    ConsumerOffsetKind(String directoryName) {
        this.directoryName = directoryName;
    }

    /** Name of the directory under {@code <partition>/offsets/} holding this kind's files. */
    public String directoryName() {
        return directoryName;
    }
}

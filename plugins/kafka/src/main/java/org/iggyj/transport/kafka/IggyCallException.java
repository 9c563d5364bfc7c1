package org.iggyj.transport.kafka;

/**
 * An Iggy command answered with an error status; {@link KafkaErrors} turns it into a Kafka error.
 */
final class IggyCallException extends RuntimeException {

    private final int status;

    IggyCallException(int status, int command) {
        super("Iggy command " + command + " failed with status " + status, null, false, false);
        this.status = status;
    }

    /** @return the Iggy error code */
    int status() {
        return status;
    }
}

package org.iggyj.transport.kafka;

import java.util.concurrent.CompletionException;
import org.apache.kafka.common.protocol.Errors;
import org.iggyj.protocol.IggyException;

/**
 * Turns a failure of an Iggy command into the Kafka error a Kafka broker answers in the same case.
 * Unknown failures become {@link Errors#UNKNOWN_SERVER_ERROR}; no internal message reaches the wire.
 */
final class KafkaErrors {

    private KafkaErrors() {
    }

    static Errors forIggyStatus(int status) {
        return switch (status) {
            case 0 -> Errors.NONE;
            case 40, 41 -> Errors.TOPIC_AUTHORIZATION_FAILED;
            case 42, 47 -> Errors.SASL_AUTHENTICATION_FAILED;
            case 1009, 2010, 3007 -> Errors.UNKNOWN_TOPIC_OR_PARTITION;
            case 2013 -> Errors.TOPIC_ALREADY_EXISTS;
            case 4100 -> Errors.OFFSET_OUT_OF_RANGE;
            case 4017, 4022 -> Errors.MESSAGE_TOO_LARGE;
            default -> Errors.UNKNOWN_SERVER_ERROR;
        };
    }

    static Errors forFailure(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof IggyCallException e) {
            return forIggyStatus(e.status());
        }
        if (t instanceof IggyException e) {
            return forIggyStatus(e.errorCode().code());
        }
        if (t instanceof KafkaError e) {
            return e.error();
        }
        return Errors.UNKNOWN_SERVER_ERROR;
    }

    /** A failure that already is a Kafka error, e.g. a sequence check. */
    static final class KafkaError extends RuntimeException {

        private final transient Errors error;

        KafkaError(Errors error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

        Errors error() {
            return error;
        }
    }
}

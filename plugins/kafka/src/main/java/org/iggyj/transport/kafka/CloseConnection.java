package org.iggyj.transport.kafka;

/**
 * Ends a connection without a response, as a Kafka broker does for a request it cannot answer in
 * the protocol (unauthenticated request on a SASL listener, unknown API, unparsable frame).
 */
final class CloseConnection extends RuntimeException {

    CloseConnection(String reason) {
        super(reason, null, false, false);
    }
}

package org.iggyj.transport.kafka;

import java.net.InetSocketAddress;

/**
 * One Kafka client connection's state: its kernel session (through {@link IggyCalls}) and where it is
 * in SASL authentication. Confined to the connection's event loop.
 */
final class KafkaConnection {

    private final KafkaBroker broker;
    private final IggyCalls iggy;
    private final InetSocketAddress remote;
    private boolean handshakeDone;
    private boolean authenticated;

    KafkaConnection(KafkaBroker broker, IggyCalls iggy, InetSocketAddress remote) {
        this.broker = broker;
        this.iggy = iggy;
        this.remote = remote;
    }

    KafkaBroker broker() {
        return broker;
    }

    IggyCalls iggy() {
        return iggy;
    }

    /** @return the client's host, as DescribeGroups reports it */
    String clientHost() {
        return "/" + remote.getAddress().getHostAddress();
    }

    boolean handshakeDone() {
        return handshakeDone;
    }

    void handshakeDone(boolean done) {
        handshakeDone = done;
    }

    boolean authenticated() {
        return authenticated;
    }

    void authenticated(boolean value) {
        authenticated = value;
    }
}

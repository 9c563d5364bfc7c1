package org.iggyj.protocol;

/**
 * The transport byte of Iggy 0.8 client records.
 */
public enum TransportKind {
    TCP(1),
    QUIC(2),
    HTTP(3),
    WEBSOCKET(4);

    private final int code;

    TransportKind(int code) {
        this.code = code;
    }

    /**
     * @return the wire code (1 TCP, 2 QUIC, 3 HTTP, 4 WebSocket)
     */
    public int code() {
        return code;
    }
}

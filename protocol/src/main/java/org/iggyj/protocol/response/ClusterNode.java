package org.iggyj.protocol.response;

/**
 * One node of a get_cluster_metadata (12) reply.
 *
 * @param name          node name
 * @param ip            address clients should use
 * @param tcpPort       bound TCP port, 0 if none
 * @param quicPort      bound QUIC port, 0 if none
 * @param httpPort      bound HTTP port, 0 if none
 * @param websocketPort bound WebSocket port, 0 if none
 * @param role          0 leader, 1 follower
 * @param status        0 healthy, 1 starting, 2 stopping, 3 unreachable, 4 maintenance, 5 unknown
 */
public record ClusterNode(String name, String ip, int tcpPort, int quicPort, int httpPort, int websocketPort,
                          int role, int status) {
}

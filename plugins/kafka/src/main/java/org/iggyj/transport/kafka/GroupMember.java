package org.iggyj.transport.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One member of a classic Kafka consumer group, as its last JoinGroup described it. Guarded by its
 * {@link ConsumerGroup}'s lock.
 */
final class GroupMember {

    final String memberId;
    final String clientId;
    final String clientHost;
    int sessionTimeoutMs;
    int rebalanceTimeoutMs;
    /** Protocol name to the member's metadata for it, in the member's order of preference. */
    Map<String, byte[]> protocols = new LinkedHashMap<>();
    byte[] assignment = new byte[0];
    long lastHeartbeatNs;

    GroupMember(String memberId, String clientId, String clientHost) {
        this.memberId = memberId;
        this.clientId = clientId;
        this.clientHost = clientHost;
    }
}

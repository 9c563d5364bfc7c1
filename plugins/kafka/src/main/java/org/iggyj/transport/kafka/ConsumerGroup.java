package org.iggyj.transport.kafka;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.JoinGroupResponseData.JoinGroupResponseMember;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;

/**
 * One classic Kafka consumer group: Kafka's group state machine (Empty, PreparingRebalance,
 * CompletingRebalance, Stable) for one broker. A join starts a rebalance; it completes once every
 * known member has joined again or the longest rebalance timeout passed (members that did not rejoin
 * are removed). The leader receives every member's subscription, computes the assignment on the
 * client and hands it back in SyncGroup, which releases the other members' SyncGroup.
 *
 * <p>Thread-safe: every method holds the group's lock; futures are completed after their state is set.
 */
final class ConsumerGroup {

    /** Kafka's group states, named as DescribeGroups and ListGroups report them. */
    enum State {
        EMPTY("Empty"), PREPARING_REBALANCE("PreparingRebalance"), COMPLETING_REBALANCE("CompletingRebalance"),
        STABLE("Stable");

        final String text;

        State(String text) {
            this.text = text;
        }
    }

    /** What a JoinGroup asks. */
    record JoinRequest(String memberId, String clientId, String clientHost, String protocolType,
                       Map<String, byte[]> protocols, int sessionTimeoutMs, int rebalanceTimeoutMs) {
    }

    private final String groupId;
    private final EventExecutor timer;
    private final Map<String, GroupMember> members = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<JoinGroupResponseData>> pendingJoins = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<SyncGroupResponseData>> pendingSyncs = new LinkedHashMap<>();
    private State state = State.EMPTY;
    private int generation;
    private String protocolType;
    private String protocolName;
    private String leaderId;
    private ScheduledFuture<?> rebalanceTimeout;

    ConsumerGroup(String groupId, EventExecutor timer) {
        this.groupId = groupId;
        this.timer = timer;
    }

    String groupId() {
        return groupId;
    }

    synchronized CompletableFuture<JoinGroupResponseData> join(JoinRequest request) {
        if (protocolType != null && !members.isEmpty() && !protocolType.equals(request.protocolType())) {
            return CompletableFuture.completedFuture(joinError(request.memberId(), Errors.INCONSISTENT_GROUP_PROTOCOL));
        }
        String memberId = request.memberId();
        GroupMember member;
        if (memberId.isEmpty()) {
            memberId = request.clientId() + "-" + UUID.randomUUID();
            member = new GroupMember(memberId, request.clientId(), request.clientHost());
            members.put(memberId, member);
        } else {
            member = members.get(memberId);
            if (member == null) {
                return CompletableFuture.completedFuture(joinError(memberId, Errors.UNKNOWN_MEMBER_ID));
            }
        }
        protocolType = request.protocolType();
        member.protocols = request.protocols();
        member.sessionTimeoutMs = request.sessionTimeoutMs();
        member.rebalanceTimeoutMs = request.rebalanceTimeoutMs();
        member.lastHeartbeatNs = System.nanoTime();
        CompletableFuture<JoinGroupResponseData> answer = new CompletableFuture<>();
        CompletableFuture<JoinGroupResponseData> previous = pendingJoins.put(memberId, answer);
        if (previous != null) {
            previous.complete(joinError(memberId, Errors.REBALANCE_IN_PROGRESS));
        }
        if (state != State.PREPARING_REBALANCE) {
            prepareRebalance();
        }
        if (pendingJoins.size() == members.size()) {
            completeJoin();
        }
        return answer;
    }

    private void prepareRebalance() {
        state = State.PREPARING_REBALANCE;
        for (Map.Entry<String, CompletableFuture<SyncGroupResponseData>> waiting : pendingSyncs.entrySet()) {
            waiting.getValue().complete(syncError(Errors.REBALANCE_IN_PROGRESS));
        }
        pendingSyncs.clear();
        int timeoutMs = 0;
        for (GroupMember m : members.values()) {
            timeoutMs = Math.max(timeoutMs, m.rebalanceTimeoutMs);
        }
        cancelTimeout();
        rebalanceTimeout = timer.schedule(this::onRebalanceTimeout, Math.max(timeoutMs, 1), TimeUnit.MILLISECONDS);
    }

    private synchronized void onRebalanceTimeout() {
        if (state == State.PREPARING_REBALANCE) {
            completeJoin();
        }
    }

    private void completeJoin() {
        cancelTimeout();
        members.keySet().removeIf(id -> !pendingJoins.containsKey(id));
        generation++;
        if (members.isEmpty()) {
            state = State.EMPTY;
            leaderId = null;
            return;
        }
        protocolName = chooseProtocol();
        if (protocolName == null) {
            pendingJoins.forEach((id, f) -> f.complete(joinError(id, Errors.INCONSISTENT_GROUP_PROTOCOL)));
            pendingJoins.clear();
            members.clear();
            state = State.EMPTY;
            return;
        }
        if (leaderId == null || !members.containsKey(leaderId)) {
            leaderId = members.keySet().iterator().next();
        }
        state = State.COMPLETING_REBALANCE;
        List<JoinGroupResponseMember> all = new ArrayList<>();
        for (GroupMember m : members.values()) {
            all.add(new JoinGroupResponseMember().setMemberId(m.memberId).setMetadata(m.protocols.get(protocolName)));
        }
        Map<String, CompletableFuture<JoinGroupResponseData>> joined = new LinkedHashMap<>(pendingJoins);
        pendingJoins.clear();
        joined.forEach((id, f) -> f.complete(new JoinGroupResponseData().setErrorCode(Errors.NONE.code())
                .setGenerationId(generation).setProtocolType(protocolType).setProtocolName(protocolName)
                .setLeader(leaderId).setMemberId(id).setMembers(id.equals(leaderId) ? all : new ArrayList<>())));
    }

    /** The first protocol, in the first member's order of preference, that every member supports. */
    private String chooseProtocol() {
        for (String candidate : members.values().iterator().next().protocols.keySet()) {
            boolean everyone = members.values().stream().allMatch(m -> m.protocols.containsKey(candidate));
            if (everyone) {
                return candidate;
            }
        }
        return null;
    }

    synchronized CompletableFuture<SyncGroupResponseData> sync(String memberId, int generationId,
                                                               Map<String, byte[]> assignments) {
        GroupMember member = members.get(memberId);
        if (member == null) {
            return CompletableFuture.completedFuture(syncError(Errors.UNKNOWN_MEMBER_ID));
        }
        if (generationId != generation) {
            return CompletableFuture.completedFuture(syncError(Errors.ILLEGAL_GENERATION));
        }
        member.lastHeartbeatNs = System.nanoTime();
        if (state == State.PREPARING_REBALANCE) {
            return CompletableFuture.completedFuture(syncError(Errors.REBALANCE_IN_PROGRESS));
        }
        if (state == State.STABLE) {
            return CompletableFuture.completedFuture(assigned(member));
        }
        CompletableFuture<SyncGroupResponseData> answer = new CompletableFuture<>();
        pendingSyncs.put(memberId, answer);
        if (memberId.equals(leaderId)) {
            for (GroupMember m : members.values()) {
                m.assignment = assignments.getOrDefault(m.memberId, new byte[0]);
            }
            state = State.STABLE;
            pendingSyncs.forEach((id, f) -> f.complete(assigned(members.get(id))));
            pendingSyncs.clear();
        }
        return answer;
    }

    synchronized Errors heartbeat(String memberId, int generationId) {
        GroupMember member = members.get(memberId);
        if (member == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        member.lastHeartbeatNs = System.nanoTime();
        if (state == State.PREPARING_REBALANCE) {
            return Errors.REBALANCE_IN_PROGRESS;
        }
        return generationId == generation ? Errors.NONE : Errors.ILLEGAL_GENERATION;
    }

    /** @return whether an offset commit from this member and generation is accepted now */
    synchronized Errors validateCommit(String memberId, int generationId) {
        if (generationId < 0 && (memberId == null || memberId.isEmpty())) {
            return members.isEmpty() ? Errors.NONE : Errors.UNKNOWN_MEMBER_ID;
        }
        GroupMember member = members.get(memberId);
        if (member == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        if (generationId != generation) {
            return Errors.ILLEGAL_GENERATION;
        }
        member.lastHeartbeatNs = System.nanoTime();
        return state == State.COMPLETING_REBALANCE ? Errors.REBALANCE_IN_PROGRESS : Errors.NONE;
    }

    synchronized Errors leave(String memberId) {
        if (!members.containsKey(memberId)) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        remove(memberId);
        return Errors.NONE;
    }

    synchronized void expireMembers(long nowNs) {
        Iterator<GroupMember> it = new ArrayList<>(members.values()).iterator();
        while (it.hasNext()) {
            GroupMember m = it.next();
            boolean waiting = pendingJoins.containsKey(m.memberId) || pendingSyncs.containsKey(m.memberId);
            if (!waiting && nowNs - m.lastHeartbeatNs > TimeUnit.MILLISECONDS.toNanos(m.sessionTimeoutMs)) {
                remove(m.memberId);
            }
        }
    }

    private void remove(String memberId) {
        members.remove(memberId);
        CompletableFuture<JoinGroupResponseData> join = pendingJoins.remove(memberId);
        if (join != null) {
            join.complete(joinError(memberId, Errors.UNKNOWN_MEMBER_ID));
        }
        CompletableFuture<SyncGroupResponseData> sync = pendingSyncs.remove(memberId);
        if (sync != null) {
            sync.complete(syncError(Errors.UNKNOWN_MEMBER_ID));
        }
        if (members.isEmpty()) {
            cancelTimeout();
            pendingSyncs.values().forEach(f -> f.complete(syncError(Errors.REBALANCE_IN_PROGRESS)));
            pendingSyncs.clear();
            state = State.EMPTY;
            generation++;
            leaderId = null;
            return;
        }
        if (state != State.PREPARING_REBALANCE) {
            prepareRebalance();
        }
        if (pendingJoins.size() == members.size()) {
            completeJoin();
        }
    }

    private void cancelTimeout() {
        if (rebalanceTimeout != null) {
            rebalanceTimeout.cancel(false);
            rebalanceTimeout = null;
        }
    }

    synchronized State state() {
        return state;
    }

    synchronized String protocolType() {
        return protocolType == null ? "" : protocolType;
    }

    synchronized String protocolName() {
        return state == State.STABLE || state == State.COMPLETING_REBALANCE ? protocolName : "";
    }

    synchronized List<GroupMember> members() {
        return new ArrayList<>(members.values());
    }

    private SyncGroupResponseData assigned(GroupMember member) {
        return new SyncGroupResponseData().setErrorCode(Errors.NONE.code()).setProtocolType(protocolType)
                .setProtocolName(protocolName).setAssignment(member.assignment);
    }

    private static SyncGroupResponseData syncError(Errors error) {
        return new SyncGroupResponseData().setErrorCode(error.code()).setAssignment(new byte[0]);
    }

    private JoinGroupResponseData joinError(String memberId, Errors error) {
        return new JoinGroupResponseData().setErrorCode(error.code()).setGenerationId(-1).setMemberId(memberId)
                .setLeader("").setProtocolName("");
    }
}

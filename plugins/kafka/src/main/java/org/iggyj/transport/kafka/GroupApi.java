package org.iggyj.transport.kafka;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroup;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroupMember;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupResponseData.MemberResponse;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.ListGroupsResponseData.ListedGroup;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData.SyncGroupRequestAssignment;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * The classic group protocol's APIs (JoinGroup, SyncGroup, Heartbeat, LeaveGroup) and the group
 * listings (ListGroups, DescribeGroups), translated to and from {@link ConsumerGroup}. Stateless.
 */
final class GroupApi {

    private static final String CLASSIC = "Classic";

    CompletionStage<ApiMessage> handle(KafkaConnection c, RequestHeader header, AbstractRequest request) {
        GroupCoordinator groups = c.broker().groups();
        ApiMessage data = request.data();
        if (data instanceof JoinGroupRequestData join) {
            Map<String, byte[]> protocols = new LinkedHashMap<>();
            for (JoinGroupRequestProtocol p : join.protocols()) {
                protocols.put(p.name(), p.metadata());
            }
            return groups.group(join.groupId()).join(new ConsumerGroup.JoinRequest(join.memberId(),
                    header.clientId() == null ? "" : header.clientId(), c.clientHost(), join.protocolType(),
                    protocols, join.sessionTimeoutMs(),
                    join.rebalanceTimeoutMs() < 0 ? join.sessionTimeoutMs() : join.rebalanceTimeoutMs()))
                    .thenApply(r -> r);
        }
        if (data instanceof SyncGroupRequestData sync) {
            Map<String, byte[]> assignments = new HashMap<>();
            for (SyncGroupRequestAssignment a : sync.assignments()) {
                assignments.put(a.memberId(), a.assignment());
            }
            return groups.group(sync.groupId()).sync(sync.memberId(), sync.generationId(), assignments)
                    .thenApply(r -> r);
        }
        if (data instanceof HeartbeatRequestData heartbeat) {
            ConsumerGroup group = groups.find(heartbeat.groupId());
            Errors error = group == null ? Errors.UNKNOWN_MEMBER_ID
                    : group.heartbeat(heartbeat.memberId(), heartbeat.generationId());
            return done(new HeartbeatResponseData().setErrorCode(error.code()));
        }
        if (data instanceof LeaveGroupRequestData leave) {
            return done(leave(groups.find(leave.groupId()), leave, header.apiVersion()));
        }
        if (data instanceof ListGroupsRequestData list) {
            return done(list(groups, list));
        }
        return done(describe(groups, (DescribeGroupsRequestData) data, header.apiVersion()));
    }

    private static LeaveGroupResponseData leave(ConsumerGroup group, LeaveGroupRequestData leave, short version) {
        LeaveGroupResponseData response = new LeaveGroupResponseData().setErrorCode(Errors.NONE.code());
        if (version < 3) {
            Errors error = group == null ? Errors.UNKNOWN_MEMBER_ID : group.leave(leave.memberId());
            return response.setErrorCode(error.code());
        }
        for (MemberIdentity member : leave.members()) {
            Errors error = group == null ? Errors.UNKNOWN_MEMBER_ID : group.leave(member.memberId());
            response.members().add(new MemberResponse().setMemberId(member.memberId())
                    .setGroupInstanceId(member.groupInstanceId()).setErrorCode(error.code()));
        }
        return response;
    }

    private static ListGroupsResponseData list(GroupCoordinator groups, ListGroupsRequestData request) {
        ListGroupsResponseData response = new ListGroupsResponseData().setErrorCode(Errors.NONE.code());
        List<String> states = request.statesFilter();
        for (ConsumerGroup group : groups.all()) {
            String state = group.state().text;
            if (states != null && !states.isEmpty() && states.stream().noneMatch(state::equalsIgnoreCase)) {
                continue;
            }
            response.groups().add(new ListedGroup().setGroupId(group.groupId()).setProtocolType(group.protocolType())
                    .setGroupState(state).setGroupType(CLASSIC));
        }
        return response;
    }

    private static DescribeGroupsResponseData describe(GroupCoordinator groups, DescribeGroupsRequestData request,
                                                       short version) {
        DescribeGroupsResponseData response = new DescribeGroupsResponseData();
        for (String id : request.groups()) {
            ConsumerGroup group = groups.find(id);
            if (group == null) {
                // Kafka answers an unknown group with "Dead", or GROUP_ID_NOT_FOUND from version 6.
                response.groups().add(new DescribedGroup().setGroupId(id).setGroupState("Dead").setProtocolType("")
                        .setProtocolData("").setErrorCode((version >= 6 ? Errors.GROUP_ID_NOT_FOUND : Errors.NONE)
                                .code()));
                continue;
            }
            DescribedGroup described = new DescribedGroup().setGroupId(id).setErrorCode(Errors.NONE.code())
                    .setGroupState(group.state().text).setProtocolType(group.protocolType())
                    .setProtocolData(group.protocolName()).setAuthorizedOperations(Integer.MIN_VALUE);
            String protocol = group.protocolName();
            for (GroupMember m : group.members()) {
                byte[] metadata = m.protocols.get(protocol);
                described.members().add(new DescribedGroupMember().setMemberId(m.memberId).setClientId(m.clientId)
                        .setClientHost(m.clientHost).setMemberMetadata(metadata == null ? new byte[0] : metadata)
                        .setMemberAssignment(m.assignment));
            }
            response.groups().add(described);
        }
        return response;
    }

    private static CompletionStage<ApiMessage> done(ApiMessage response) {
        return CompletableFuture.completedFuture(response);
    }
}

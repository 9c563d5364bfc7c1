package org.iggyj.transport.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponsePartition;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponseTopic;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopic;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartition;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartitions;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopic;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopics;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.ConsumerOffsetRef;
import org.iggyj.protocol.request.StoreConsumerOffset;
import org.iggyj.protocol.wire.Consumer;
import org.iggyj.protocol.wire.Identifier;

/**
 * OffsetCommit and OffsetFetch. A Kafka group's committed offsets are Iggy consumer offsets of a
 * regular consumer named after the group, so they are durable in the kernel, survive restarts and
 * are visible to Iggy tools. Kafka commits the next offset to read and Iggy stores the last one
 * consumed: committed = stored + 1; committing offset 0 stores nothing. Stateless.
 */
final class OffsetApi {

    private static final long NO_OFFSET = -1;

    CompletionStage<ApiMessage> commit(KafkaConnection c, AbstractRequest request) {
        OffsetCommitRequestData data = (OffsetCommitRequestData) request.data();
        ConsumerGroup group = c.broker().groups().find(data.groupId());
        Errors membership = group == null ? Errors.NONE
                : group.validateCommit(data.memberId(), data.generationIdOrMemberEpoch());
        OffsetCommitResponseData response = new OffsetCommitResponseData();
        Consumer consumer = Consumer.consumer(Identifier.named(data.groupId()));
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (OffsetCommitRequestTopic topic : data.topics()) {
            OffsetCommitResponseTopic answer = new OffsetCommitResponseTopic().setName(topic.name());
            response.topics().add(answer);
            for (OffsetCommitRequestPartition p : topic.partitions()) {
                CompletableFuture<Errors> stored = membership != Errors.NONE || p.committedOffset() <= 0
                        ? CompletableFuture.completedFuture(membership)
                        : c.iggy().status(CommandCode.STORE_CONSUMER_OFFSET, new StoreConsumerOffset(consumer,
                                c.broker().stream(), Identifier.named(topic.name()), p.partitionIndex(),
                                p.committedOffset() - 1)::encode).thenApply(KafkaErrors::forIggyStatus);
                pending.add(stored.thenAccept(error -> answer.partitions().add(new OffsetCommitResponsePartition()
                        .setPartitionIndex(p.partitionIndex()).setErrorCode(error.code()))));
            }
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(ignored -> response);
    }

    CompletionStage<ApiMessage> fetch(KafkaConnection c, RequestHeader header, AbstractRequest request) {
        OffsetFetchRequestData data = (OffsetFetchRequestData) request.data();
        OffsetFetchResponseData response = new OffsetFetchResponseData().setErrorCode(Errors.NONE.code());
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        if (header.apiVersion() >= 8) {
            for (OffsetFetchRequestGroup group : data.groups()) {
                OffsetFetchResponseGroup answer = new OffsetFetchResponseGroup().setGroupId(group.groupId())
                        .setErrorCode(Errors.NONE.code());
                response.groups().add(answer);
                if (group.topics() == null) {
                    continue;
                }
                for (OffsetFetchRequestTopics topic : group.topics()) {
                    OffsetFetchResponseTopics t = new OffsetFetchResponseTopics().setName(topic.name());
                    answer.topics().add(t);
                    for (int partition : topic.partitionIndexes()) {
                        pending.add(committed(c, group.groupId(), topic.name(), partition).thenAccept(found ->
                                t.partitions().add(new OffsetFetchResponsePartitions().setPartitionIndex(partition)
                                        .setCommittedOffset(found[0]).setErrorCode((short) found[1])
                                        .setCommittedLeaderEpoch(-1).setMetadata(""))));
                    }
                }
            }
        } else if (data.topics() != null) {
            for (OffsetFetchRequestTopic topic : data.topics()) {
                OffsetFetchResponseTopic t = new OffsetFetchResponseTopic().setName(topic.name());
                response.topics().add(t);
                for (int partition : topic.partitionIndexes()) {
                    pending.add(committed(c, data.groupId(), topic.name(), partition).thenAccept(found ->
                            t.partitions().add(new OffsetFetchResponsePartition().setPartitionIndex(partition)
                                    .setCommittedOffset(found[0]).setErrorCode((short) found[1])
                                    .setCommittedLeaderEpoch(-1).setMetadata(""))));
                }
            }
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(ignored -> response);
    }

    /** @return {committed offset or -1, Kafka error code} */
    private static CompletableFuture<long[]> committed(KafkaConnection c, String groupId, String topic, int partition) {
        ConsumerOffsetRef ref = new ConsumerOffsetRef(Consumer.consumer(Identifier.named(groupId)), c.broker().stream(),
                Identifier.named(topic), partition);
        return c.iggy().find(CommandCode.GET_CONSUMER_OFFSET, ref::encode, payload -> {
            payload.skipBytes(4 + 8);
            return payload.readLongLE() + 1;
        }).handle((stored, failure) -> failure != null
                ? new long[] {NO_OFFSET, KafkaErrors.forFailure(failure).code()}
                : new long[] {stored.orElse(NO_OFFSET), Errors.NONE.code()});
    }
}

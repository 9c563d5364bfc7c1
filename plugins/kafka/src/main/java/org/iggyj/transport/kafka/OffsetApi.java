package org.iggyj.transport.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
 * consumed: committed = stored + 1; committing offset 0 stores nothing. An OffsetFetch without topics
 * (the admin client listing a group's offsets) looks at every partition of every Kafka topic. Stateless.
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
        if (header.apiVersion() < 8) {
            Map<String, List<Integer>> wanted = null;
            if (data.topics() != null) {
                wanted = new LinkedHashMap<>();
                for (OffsetFetchRequestTopic topic : data.topics()) {
                    wanted.put(topic.name(), topic.partitionIndexes());
                }
            }
            return committedOffsets(c, data.groupId(), wanted).thenApply(found -> {
                found.forEach((topic, partitions) -> {
                    OffsetFetchResponseTopic t = new OffsetFetchResponseTopic().setName(topic);
                    partitions.forEach((partition, offset) -> t.partitions().add(new OffsetFetchResponsePartition()
                            .setPartitionIndex(partition).setCommittedOffset(offset[0]).setErrorCode((short) offset[1])
                            .setCommittedLeaderEpoch(-1).setMetadata("")));
                    response.topics().add(t);
                });
                return response;
            });
        }
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (OffsetFetchRequestGroup group : data.groups()) {
            OffsetFetchResponseGroup answer = new OffsetFetchResponseGroup().setGroupId(group.groupId())
                    .setErrorCode(Errors.NONE.code());
            response.groups().add(answer);
            Map<String, List<Integer>> wanted = null;
            if (group.topics() != null) {
                wanted = new LinkedHashMap<>();
                for (OffsetFetchRequestTopics topic : group.topics()) {
                    wanted.put(topic.name(), topic.partitionIndexes());
                }
            }
            pending.add(committedOffsets(c, group.groupId(), wanted).thenAccept(found -> found.forEach((topic, ps) -> {
                OffsetFetchResponseTopics t = new OffsetFetchResponseTopics().setName(topic);
                ps.forEach((partition, offset) -> t.partitions().add(new OffsetFetchResponsePartitions()
                        .setPartitionIndex(partition).setCommittedOffset(offset[0]).setErrorCode((short) offset[1])
                        .setCommittedLeaderEpoch(-1).setMetadata("")));
                answer.topics().add(t);
            })));
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(ignored -> response);
    }

    /**
     * @param wanted topic to partitions, or null for every partition of every topic that has a committed
     *               offset (what the admin client asks when it lists a group's offsets)
     * @return topic to partition to {committed offset or -1, Kafka error code}, in request order
     */
    private static CompletableFuture<Map<String, Map<Integer, long[]>>> committedOffsets(
            KafkaConnection c, String groupId, Map<String, List<Integer>> wanted) {
        CompletableFuture<Map<String, List<Integer>>> targets = wanted != null
                ? CompletableFuture.completedFuture(wanted)
                : KafkaTopics.list(c).thenApply(all -> {
                    Map<String, List<Integer>> everything = new LinkedHashMap<>();
                    all.forEach((topic, count) -> everything.put(topic,
                            IntStream.range(0, count).boxed().collect(Collectors.toList())));
                    return everything;
                });
        return targets.thenCompose(topics -> {
            Map<String, Map<Integer, long[]>> found = new LinkedHashMap<>();
            List<CompletableFuture<Void>> pending = new ArrayList<>();
            topics.forEach((topic, partitions) -> {
                Map<Integer, long[]> offsets = new LinkedHashMap<>();
                found.put(topic, offsets);
                for (int partition : partitions) {
                    offsets.put(partition, null);
                    // Completions run on the connection's event loop, one at a time.
                    pending.add(committed(c, groupId, topic, partition).thenAccept(o -> offsets.put(partition, o)));
                }
            });
            return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
                if (wanted == null) {
                    found.values().forEach(offsets -> offsets.values().removeIf(o -> o[0] == NO_OFFSET));
                    found.values().removeIf(Map::isEmpty);
                }
                return found;
            });
        });
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

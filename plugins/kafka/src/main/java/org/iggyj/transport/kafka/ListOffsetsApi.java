package org.iggyj.transport.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsTopicResponse;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.iggyj.protocol.wire.PollingStrategy;

/**
 * ListOffsets: latest is the end offset, earliest the first retained message's offset (the end offset
 * when the partition is empty), and a timestamp the first message Iggy appended at or after it (so the
 * lookup uses Iggy's append time, not the record's create time). Other special timestamps answer the
 * end offset. Stateless.
 */
final class ListOffsetsApi {

    private static final long UNKNOWN = -1;

    CompletionStage<ApiMessage> listOffsets(KafkaConnection c, AbstractRequest request) {
        ListOffsetsRequestData data = (ListOffsetsRequestData) request.data();
        ListOffsetsResponseData response = new ListOffsetsResponseData();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (ListOffsetsTopic topic : data.topics()) {
            ListOffsetsTopicResponse answer = new ListOffsetsTopicResponse().setName(topic.name());
            response.topics().add(answer);
            for (ListOffsetsPartition partition : topic.partitions()) {
                pending.add(lookup(c, topic.name(), partition).handle((found, failure) -> {
                    ListOffsetsPartitionResponse p = failure == null ? found
                            : new ListOffsetsPartitionResponse().setErrorCode(KafkaErrors.forFailure(failure).code())
                                    .setOffset(UNKNOWN).setTimestamp(UNKNOWN);
                    answer.partitions().add(p.setPartitionIndex(partition.partitionIndex()).setLeaderEpoch(0));
                    return null;
                }));
            }
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(ignored -> response);
    }

    private static CompletableFuture<ListOffsetsPartitionResponse> lookup(KafkaConnection c, String topic,
                                                                         ListOffsetsPartition wanted) {
        int index = wanted.partitionIndex();
        long timestamp = wanted.timestamp();
        return PartitionReads.endOffset(c, topic, index).thenCompose(end -> {
            if (timestamp == ListOffsetsRequest.EARLIEST_TIMESTAMP) {
                return firstAt(c, topic, index, PollingStrategy.first(), end);
            }
            if (timestamp >= 0) {
                return firstAt(c, topic, index, PollingStrategy.timestamp(timestamp * 1000), UNKNOWN);
            }
            return CompletableFuture.completedFuture(found(end, UNKNOWN));
        });
    }

    private static CompletableFuture<ListOffsetsPartitionResponse> firstAt(KafkaConnection c, String topic, int index,
                                                                          PollingStrategy strategy, long none) {
        return PartitionReads.poll(c, topic, index, strategy, 1).thenApply(polled -> polled.messages().isEmpty()
                ? found(none, UNKNOWN)
                : found(polled.messages().get(0).offset(), polled.messages().get(0).timestampUs() / 1000));
    }

    private static ListOffsetsPartitionResponse found(long offset, long timestampMs) {
        return new ListOffsetsPartitionResponse().setErrorCode(Errors.NONE.code()).setOffset(offset)
                .setTimestamp(timestampMs);
    }
}

package org.iggyj.transport.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchRequestData.FetchPartition;
import org.apache.kafka.common.message.FetchRequestData.FetchTopic;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.FetchableTopicResponse;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.AbstractRequest;
import org.iggyj.protocol.wire.Identifier;

/**
 * Fetch, with Kafka's long poll: when the partitions hold fewer than {@code fetch.min.bytes} new bytes,
 * the request waits, without a thread, on {@link org.iggyj.spi.DataWaits} for any of its partitions to
 * receive data, up to {@code fetch.max.wait.ms}, then reads again. Fetch sessions are not kept: the
 * answer's session id 0 makes clients send full fetch requests. Stateless.
 */
final class FetchApi {

    private record Wanted(String topic, FetchPartition partition) {
    }

    CompletionStage<ApiMessage> fetch(KafkaConnection c, AbstractRequest request) {
        FetchRequestData data = (FetchRequestData) request.data();
        List<Wanted> wanted = new ArrayList<>();
        for (FetchTopic topic : data.topics()) {
            for (FetchPartition partition : topic.partitions()) {
                wanted.add(new Wanted(topic.topic(), partition));
            }
        }
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, data.maxWaitMs()));
        return attempt(c, data, wanted, deadlineNs);
    }

    private CompletableFuture<ApiMessage> attempt(KafkaConnection c, FetchRequestData data, List<Wanted> wanted,
                                                  long deadlineNs) {
        List<CompletableFuture<PartitionData>> reads = new ArrayList<>(wanted.size());
        for (Wanted w : wanted) {
            reads.add(read(c, w, data.maxBytes()));
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenCompose(ignored -> {
            long bytes = 0;
            boolean failed = false;
            for (CompletableFuture<PartitionData> read : reads) {
                PartitionData p = read.join();
                bytes += p.records().sizeInBytes();
                failed |= p.errorCode() != Errors.NONE.code();
            }
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
            if (bytes >= data.minBytes() || failed || remainingMs <= 0 || wanted.isEmpty()) {
                return CompletableFuture.completedFuture(response(wanted, reads, data.maxBytes()));
            }
            return waitForAny(c, wanted, reads, remainingMs).thenCompose(woken -> attempt(c, data, wanted, deadlineNs));
        });
    }

    /**
     * Reads a partition up to its {@code partition_max_bytes}, and never more than the whole response may
     * hold. A fetch offset inside the log costs one call to the partition's owner (the poll carries the
     * end offset); only a poll that returns nothing (at or past the end, a long poll's first look) asks
     * for the end offset as well, to tell the end from an offset out of range.
     */
    private static CompletableFuture<PartitionData> read(KafkaConnection c, Wanted w, int responseMaxBytes) {
        int index = w.partition().partition();
        long offset = w.partition().fetchOffset();
        int maxBytes = Math.min(w.partition().partitionMaxBytes(), responseMaxBytes);
        CompletableFuture<PartitionData> read = offset < 0 ? readFromEnd(c, w.topic(), index, offset, maxBytes)
                : PartitionReads.records(c, w.topic(), index, offset, maxBytes).thenCompose(polled ->
                        polled.end() < 0 ? readFromEnd(c, w.topic(), index, offset, maxBytes)
                                : CompletableFuture.completedFuture(answer(index, polled.end())
                                        .setRecords(polled.records())));
        return read.exceptionally(failure -> new PartitionData().setPartitionIndex(index)
                .setRecords(MemoryRecords.EMPTY).setHighWatermark(-1).setLastStableOffset(-1).setLogStartOffset(-1)
                .setErrorCode(KafkaErrors.forFailure(failure).code()));
    }

    /** Reads a partition after asking for its end offset: answers an offset out of range or past the end. */
    private static CompletableFuture<PartitionData> readFromEnd(KafkaConnection c, String topic, int index,
                                                                long offset, int maxBytes) {
        return PartitionReads.endOffset(c, topic, index).thenCompose(end -> {
            PartitionData answer = answer(index, end);
            if (offset < 0 || offset > end) {
                return CompletableFuture.completedFuture(answer.setErrorCode(Errors.OFFSET_OUT_OF_RANGE.code()));
            }
            if (offset == end) {
                return CompletableFuture.completedFuture(answer);
            }
            // Records arrived since the first look.
            return PartitionReads.records(c, topic, index, offset, maxBytes).thenApply(polled -> polled.end() < 0
                    ? answer : answer(index, polled.end()).setRecords(polled.records()));
        });
    }

    private static PartitionData answer(int index, long end) {
        return new PartitionData().setPartitionIndex(index).setHighWatermark(end).setLastStableOffset(end)
                .setLogStartOffset(0).setRecords(MemoryRecords.EMPTY);
    }

    /**
     * Completes, on the connection's loop, once any partition has data past what this attempt saw (its end
     * offset then, or the fetch offset) or at the timeout. Waiting only for data past the fetch offset
     * would end at once while a partition holds some records but fewer than {@code fetch.min.bytes}, and
     * the fetch would read again and again until {@code fetch.max.wait.ms}.
     */
    private static CompletableFuture<Void> waitForAny(KafkaConnection c, List<Wanted> wanted,
                                                      List<CompletableFuture<PartitionData>> reads, long timeoutMs) {
        List<CompletableFuture<Long>> waits = new ArrayList<>(wanted.size());
        for (int i = 0; i < wanted.size(); i++) {
            Wanted w = wanted.get(i);
            long seen = Math.max(w.partition().fetchOffset(), reads.get(i).join().highWatermark());
            waits.add(c.broker().dataWaits().awaitData(c.iggy().session(), c.broker().stream(),
                    Identifier.named(w.topic()), w.partition().partition(), seen,
                    Duration.ofMillis(timeoutMs)).toCompletableFuture());
        }
        return CompletableFuture.anyOf(waits.toArray(CompletableFuture[]::new)).handleAsync((value, failure) -> {
            // The other waits are abandoned; the kernel drops them at the next append or their timeout.
            waits.forEach(wait -> wait.cancel(false));
            return null;
        }, c.iggy().loop());
    }

    private static FetchResponseData response(List<Wanted> wanted, List<CompletableFuture<PartitionData>> reads,
                                              int maxBytes) {
        Map<String, FetchableTopicResponse> topics = new LinkedHashMap<>();
        long total = 0;
        for (int i = 0; i < wanted.size(); i++) {
            PartitionData p = reads.get(i).join();
            int size = p.records().sizeInBytes();
            if (total > 0 && total + size > maxBytes) {
                // Over the response budget: this partition's records wait for the next fetch.
                p.setRecords(MemoryRecords.EMPTY);
                size = 0;
            }
            total += size;
            topics.computeIfAbsent(wanted.get(i).topic(), name -> new FetchableTopicResponse().setTopic(name))
                    .partitions().add(p);
        }
        return new FetchResponseData().setErrorCode(Errors.NONE.code()).setSessionId(0)
                .setResponses(new ArrayList<>(topics.values()));
    }
}

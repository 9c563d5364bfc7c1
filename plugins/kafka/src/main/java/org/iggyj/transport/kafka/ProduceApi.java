package org.iggyj.transport.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceRequestData.PartitionProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.message.ProduceResponseData.TopicProduceResponse;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.requests.AbstractRequest;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.BatchEncoder;
import org.iggyj.protocol.request.MessageDraft;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;

/**
 * Produce and InitProducerId. Each partition's records (batches decompressed by {@code kafka-clients}'
 * own codecs: gzip, snappy, lz4, zstd) become one Iggy send_messages to that partition, so the kernel
 * checks the send permission and stores them like any Iggy batch; partitions of one request are sent
 * concurrently. The answer waits for the kernel's acknowledgement for acks 1 and all (the same: there
 * is one replica); with acks 0 no answer is written, as Kafka does.
 *
 * <p>Deviation: the base offset in the answer is -1 (unknown), as Iggy's send acknowledgement carries
 * no offset. Transactions are not served. Stateless.
 */
final class ProduceApi {

    CompletionStage<ApiMessage> produce(KafkaConnection c, AbstractRequest request) {
        ProduceRequestData data = (ProduceRequestData) request.data();
        ProduceResponseData response = new ProduceResponseData();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (TopicProduceData topic : data.topicData()) {
            TopicProduceResponse answer = new TopicProduceResponse().setName(topic.name());
            response.responses().add(answer);
            for (PartitionProduceData partition : topic.partitionData()) {
                CompletableFuture<Errors> sent = data.transactionalId() != null
                        ? CompletableFuture.completedFuture(Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED)
                        : send(c, topic.name(), partition);
                // Continuations run on the connection's event loop, one at a time.
                pending.add(sent.handle((error, failure) -> {
                    Errors e = failure != null ? KafkaErrors.forFailure(failure) : error;
                    answer.partitionResponses().add(new PartitionProduceResponse().setIndex(partition.index())
                            .setErrorCode(e.code()).setBaseOffset(-1).setLogAppendTimeMs(-1).setLogStartOffset(-1));
                    return null;
                }));
            }
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> data.acks() == 0 ? null : response);
    }

    private static CompletableFuture<Errors> send(KafkaConnection c, String topic, PartitionProduceData partition) {
        ProducerState producers = c.broker().producers();
        List<MessageDraft> messages = new ArrayList<>();
        List<MutableRecordBatch> accepted = new ArrayList<>();
        try {
            for (MutableRecordBatch batch : ((MemoryRecords) partition.records()).batches()) {
                batch.ensureValid();
                if (batch.isTransactional() || batch.isControlBatch()) {
                    return CompletableFuture.completedFuture(Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
                }
                Errors sequence = producers.check(batch.producerId(), batch.producerEpoch(), topic, partition.index(),
                        batch.baseSequence(), batch.lastSequence());
                if (sequence == Errors.DUPLICATE_SEQUENCE_NUMBER) {
                    continue;
                }
                if (sequence != Errors.NONE) {
                    return CompletableFuture.completedFuture(sequence);
                }
                for (Record record : batch) {
                    messages.add(RecordMapping.toIggy(record));
                }
                accepted.add(batch);
            }
        } catch (CorruptRecordException | InvalidRecordException e) {
            return CompletableFuture.completedFuture(Errors.CORRUPT_MESSAGE);
        }
        if (messages.isEmpty()) {
            return CompletableFuture.completedFuture(Errors.NONE);
        }
        Identifier stream = c.broker().stream();
        Identifier topicId = Identifier.named(topic);
        Partitioning target = Partitioning.partitionId(partition.index());
        return c.iggy().status(CommandCode.SEND_MESSAGES,
                out -> BatchEncoder.encode(out, stream, topicId, target, messages)).thenApply(status -> {
                    if (status != 0) {
                        return KafkaErrors.forIggyStatus(status);
                    }
                    for (MutableRecordBatch batch : accepted) {
                        producers.appended(batch.producerId(), batch.producerEpoch(), topic, partition.index(),
                                batch.lastSequence());
                    }
                    return Errors.NONE;
                });
    }

    CompletionStage<ApiMessage> initProducerId(KafkaConnection c, AbstractRequest request) {
        InitProducerIdRequestData data = (InitProducerIdRequestData) request.data();
        InitProducerIdResponseData response = new InitProducerIdResponseData();
        if (data.transactionalId() != null) {
            response.setErrorCode(Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED.code()).setProducerId(-1)
                    .setProducerEpoch((short) -1);
        } else {
            response.setErrorCode(Errors.NONE.code()).setProducerId(c.broker().producers().newProducerId())
                    .setProducerEpoch((short) 0);
        }
        return CompletableFuture.completedFuture(response);
    }
}

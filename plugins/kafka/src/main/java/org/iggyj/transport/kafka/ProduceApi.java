package org.iggyj.transport.kafka;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
import org.apache.kafka.common.utils.CloseableIterator;
import org.apache.kafka.common.utils.BufferSupplier;
import org.iggyj.protocol.MessageLayout;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;

/**
 * Produce and InitProducerId. Each partition's records (batches decompressed by {@code kafka-clients}'
 * own codecs: gzip, snappy, lz4, zstd) become one Iggy send_messages to that partition, so the kernel
 * checks the send permission and stores them like any Iggy batch; partitions of one request are sent
 * concurrently. The answer waits for the kernel's acknowledgement for acks 1 and all (the same: there
 * is one replica); with acks 0 no answer is written, as Kafka does.
 *
 * <p>The base offset in the answer is the offset the kernel gave the first record (the plugin's session
 * asks for it, {@link org.iggyj.spi.Sessions#openWithAppendOffsets}); -1 when nothing new was stored (a
 * retried batch) or the kernel does not say (a replicated send). Transactions are not served. Stateless.
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
                CompletableFuture<Produced> sent = data.transactionalId() != null
                        ? Produced.failed(Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED)
                        : send(c, topic.name(), partition);
                // Continuations run on the connection's event loop, one at a time.
                pending.add(sent.handle((produced, failure) -> {
                    Errors e = failure != null ? KafkaErrors.forFailure(failure) : produced.error();
                    long baseOffset = failure != null ? -1 : produced.baseOffset();
                    answer.partitionResponses().add(new PartitionProduceResponse().setIndex(partition.index())
                            .setErrorCode(e.code()).setBaseOffset(baseOffset).setLogAppendTimeMs(-1)
                            .setLogStartOffset(-1));
                    return null;
                }));
            }
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> data.acks() == 0 ? null : response);
    }

    /** A partition's outcome: its error, and the offset its first record got (-1 when unknown). */
    private record Produced(Errors error, long baseOffset) {

        static final CompletableFuture<Produced> DONE_NOTHING = CompletableFuture.completedFuture(
                new Produced(Errors.NONE, -1));

        static CompletableFuture<Produced> failed(Errors error) {
            return CompletableFuture.completedFuture(new Produced(error, -1));
        }
    }

    private static CompletableFuture<Produced> send(KafkaConnection c, String topic, PartitionProduceData partition) {
        ProducerState producers = c.broker().producers();
        List<MutableRecordBatch> accepted = new ArrayList<>();
        long count = 0;
        try {
            for (MutableRecordBatch batch : ((MemoryRecords) partition.records()).batches()) {
                batch.ensureValid();
                if (batch.isTransactional() || batch.isControlBatch()) {
                    return Produced.failed(Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
                }
                Integer records = batch.countOrNull();
                if (records == null) {
                    return Produced.failed(Errors.UNSUPPORTED_FOR_MESSAGE_FORMAT);
                }
                Errors sequence = producers.check(batch.producerId(), batch.producerEpoch(), topic, partition.index(),
                        batch.baseSequence(), batch.lastSequence());
                if (sequence == Errors.DUPLICATE_SEQUENCE_NUMBER) {
                    continue;
                }
                if (sequence != Errors.NONE) {
                    return Produced.failed(sequence);
                }
                count += records;
                accepted.add(batch);
            }
        } catch (CorruptRecordException | InvalidRecordException e) {
            return Produced.failed(Errors.CORRUPT_MESSAGE);
        }
        if (count == 0) {
            return Produced.DONE_NOTHING;
        }
        if (count > Integer.MAX_VALUE / MessageLayout.INDEX_ENTRY_LENGTH) {
            return Produced.failed(Errors.MESSAGE_TOO_LARGE);
        }
        // What the sequence bookkeeping needs after the ack, read now: the request's buffer may be gone.
        long[] appended = new long[accepted.size() * 3];
        for (int i = 0; i < accepted.size(); i++) {
            MutableRecordBatch batch = accepted.get(i);
            appended[3 * i] = batch.producerId();
            appended[3 * i + 1] = batch.producerEpoch();
            appended[3 * i + 2] = batch.lastSequence();
        }
        Identifier stream = c.broker().stream();
        Identifier topicId = Identifier.named(topic);
        Partitioning target = Partitioning.partitionId(partition.index());
        int messages = (int) count;
        return c.iggy().send(sizeHint(accepted, messages),
                out -> encode(out, stream, topicId, target, accepted, messages)).handle((sent, failure) -> {
                    if (failure != null) {
                        return new Produced(corrupt(failure) ? Errors.CORRUPT_MESSAGE : KafkaErrors.forFailure(failure),
                                -1);
                    }
                    if (sent.status() != 0) {
                        return new Produced(KafkaErrors.forIggyStatus(sent.status()), -1);
                    }
                    for (int i = 0; i < appended.length; i += 3) {
                        producers.appended(appended[i], (short) appended[i + 1], topic, partition.index(),
                                (int) appended[i + 2]);
                    }
                    return new Produced(Errors.NONE, sent.firstOffset());
                });
    }

    /**
     * @return about the size of the send_messages payload: the batches' bytes plus, per record, an Iggy
     *         header, its index entry and the key's header item (a guess for the key and headers; the
     *         buffer grows if it is short)
     */
    static int sizeHint(List<MutableRecordBatch> batches, int count) {
        long bytes = 256 + (long) count * (MessageLayout.HEADER_LENGTH + MessageLayout.INDEX_ENTRY_LENGTH + 32);
        for (MutableRecordBatch batch : batches) {
            bytes += batch.sizeInBytes();
        }
        return (int) Math.min(bytes, Integer.MAX_VALUE - 8);
    }

    private static boolean corrupt(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return t instanceof CorruptRecordException || t instanceof InvalidRecordException;
    }

    /**
     * Writes the send_messages payload (metadata, index, messages) straight from the batches' records:
     * each record's key and value are copied once, from the request into the payload.
     *
     * @param count the records the batches declare; a batch holding another number is corrupt
     */
    static void encode(ByteBuf out, Identifier stream, Identifier topic, Partitioning target,
                       List<MutableRecordBatch> batches, int count) {
        out.writeIntLE(stream.encodedLength() + topic.encodedLength() + target.encodedLength() + 4);
        stream.write(out);
        topic.write(out);
        target.write(out);
        out.writeIntLE(count);
        int index = out.writerIndex();
        out.writeZero(count * MessageLayout.INDEX_ENTRY_LENGTH);
        int position = 0;
        int written = 0;
        for (MutableRecordBatch batch : batches) {
            try (CloseableIterator<Record> records = batch.streamingIterator(BufferSupplier.NO_CACHING)) {
                while (records.hasNext()) {
                    Record record = records.next();
                    if (written == count) {
                        throw new CorruptRecordException("batch holds more records than its header says");
                    }
                    position += RecordMapping.writeIggy(out, record);
                    out.setIntLE(index + written * MessageLayout.INDEX_ENTRY_LENGTH
                            + MessageLayout.INDEX_POSITION_OFFSET, position);
                    written++;
                }
            }
        }
        if (written != count) {
            throw new CorruptRecordException("batch holds fewer records than its header says");
        }
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

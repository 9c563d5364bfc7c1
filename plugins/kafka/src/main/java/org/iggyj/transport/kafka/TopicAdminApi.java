package org.iggyj.transport.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsResponseData.DeletableTopicResult;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.CompressionAlgorithm;
import org.iggyj.protocol.request.CreateStream;
import org.iggyj.protocol.request.CreateTopic;
import org.iggyj.protocol.request.TopicRef;
import org.iggyj.protocol.wire.Identifier;

/**
 * CreateTopics and DeleteTopics, as Iggy create_topic and delete_topic in the configured stream, which
 * CreateTopics first creates when it is missing (so the user needs the Iggy permissions for that). A
 * topic gets the requested partition count (1 when the client leaves it to the broker) and the
 * server's default retention; replication factors and topic configs are accepted and ignored. Stateless.
 */
final class TopicAdminApi {

    CompletionStage<ApiMessage> create(KafkaConnection c, AbstractRequest request) {
        CreateTopicsRequestData data = (CreateTopicsRequestData) request.data();
        CreateTopicsResponseData response = new CreateTopicsResponseData();
        CompletableFuture<Void> chain = ensureStream(c);
        for (CreatableTopic topic : data.topics()) {
            int partitions = topic.numPartitions() < 0 ? 1 : topic.numPartitions();
            chain = chain.thenCompose(ignored -> createOne(c, topic.name(), partitions, data.validateOnly()))
                    .thenAccept(error -> response.topics().add(new CreatableTopicResult().setName(topic.name())
                            .setTopicId(Uuid.ZERO_UUID).setErrorCode(error.code())
                            .setNumPartitions(error == Errors.NONE ? partitions : -1)
                            .setReplicationFactor((short) (error == Errors.NONE ? 1 : -1))));
        }
        return chain.thenApply(ignored -> response);
    }

    /** Creates the stream; "already exists" and any other failure are left for create_topic to report. */
    private static CompletableFuture<Void> ensureStream(KafkaConnection c) {
        return c.iggy().status(CommandCode.CREATE_STREAM, out -> new CreateStream(c.broker().config().stream())
                .encode(out)).handle((status, failure) -> null);
    }

    private static CompletableFuture<Errors> createOne(KafkaConnection c, String name, int partitions,
                                                       boolean validateOnly) {
        if (partitions == 0 || name == null || name.isEmpty()) {
            return CompletableFuture.completedFuture(partitions == 0 ? Errors.INVALID_PARTITIONS
                    : Errors.INVALID_TOPIC_EXCEPTION);
        }
        if (validateOnly) {
            return KafkaTopics.list(c).thenApply(existing -> existing.containsKey(name)
                    ? Errors.TOPIC_ALREADY_EXISTS : Errors.NONE);
        }
        CreateTopic create = new CreateTopic(c.broker().stream(), partitions, CompressionAlgorithm.NONE, 0, 0, 1, name);
        return c.iggy().status(CommandCode.CREATE_TOPIC, create::encode).thenApply(KafkaErrors::forIggyStatus);
    }

    CompletionStage<ApiMessage> delete(KafkaConnection c, AbstractRequest request) {
        DeleteTopicsRequestData data = (DeleteTopicsRequestData) request.data();
        List<String> names = new ArrayList<>(data.topicNames());
        for (DeleteTopicState state : data.topics()) {
            names.add(state.name());
        }
        DeleteTopicsResponseData response = new DeleteTopicsResponseData();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (String name : names) {
            if (name == null) {
                response.responses().add(new DeletableTopicResult().setTopicId(Uuid.ZERO_UUID)
                        .setErrorCode(Errors.UNSUPPORTED_VERSION.code()));
                continue;
            }
            TopicRef ref = new TopicRef(c.broker().stream(), Identifier.named(name));
            pending.add(c.iggy().status(CommandCode.DELETE_TOPIC, ref::encode).thenAccept(status ->
                    response.responses().add(new DeletableTopicResult().setName(name).setTopicId(Uuid.ZERO_UUID)
                            .setErrorCode(KafkaErrors.forIggyStatus(status).code()))));
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(ignored -> response);
    }
}

package org.iggyj.transport.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.FindCoordinatorResponseData.Coordinator;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataRequestData.MetadataRequestTopic;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBroker;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponsePartition;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Metadata and FindCoordinator. This listener is the one broker (node {@value KafkaBroker#NODE_ID}) of
 * its cluster: it leads every partition and coordinates every group. Topics carry no topic id (the
 * zero UUID), as the API versions served address topics by name. Stateless.
 */
final class MetadataApi {

    private static final byte COORDINATOR_GROUP = 0;

    CompletionStage<ApiMessage> metadata(KafkaConnection c, AbstractRequest request) {
        MetadataRequestData data = (MetadataRequestData) request.data();
        KafkaBroker broker = c.broker();
        return KafkaTopics.list(c).handle((topics, failure) -> {
            MetadataResponseData response = new MetadataResponseData().setClusterId(KafkaBroker.CLUSTER_ID)
                    .setControllerId(KafkaBroker.NODE_ID).setClusterAuthorizedOperations(Integer.MIN_VALUE);
            response.brokers().add(new MetadataResponseBroker().setNodeId(KafkaBroker.NODE_ID)
                    .setHost(broker.host()).setPort(broker.port()));
            Errors error = failure == null ? Errors.NONE : KafkaErrors.forFailure(failure);
            if (data.topics() == null) {
                if (failure == null) {
                    topics.forEach((name, partitions) -> response.topics().add(topic(name, partitions)));
                }
                return response;
            }
            for (MetadataRequestTopic wanted : data.topics()) {
                String name = wanted.name();
                if (name == null) {
                    continue;
                }
                Integer partitions = failure == null ? topics.get(name) : null;
                response.topics().add(partitions != null ? topic(name, partitions)
                        : new MetadataResponseTopic().setName(name).setTopicId(Uuid.ZERO_UUID)
                        .setErrorCode((error == Errors.NONE ? Errors.UNKNOWN_TOPIC_OR_PARTITION : error).code()));
            }
            return response;
        });
    }

    private static MetadataResponseTopic topic(String name, int partitions) {
        List<MetadataResponsePartition> list = new ArrayList<>(partitions);
        for (int i = 0; i < partitions; i++) {
            list.add(new MetadataResponsePartition().setPartitionIndex(i).setLeaderId(KafkaBroker.NODE_ID)
                    .setLeaderEpoch(0).setReplicaNodes(List.of(KafkaBroker.NODE_ID))
                    .setIsrNodes(List.of(KafkaBroker.NODE_ID)).setOfflineReplicas(List.of()));
        }
        return new MetadataResponseTopic().setName(name).setTopicId(Uuid.ZERO_UUID).setIsInternal(false)
                .setPartitions(list).setTopicAuthorizedOperations(Integer.MIN_VALUE);
    }

    CompletionStage<ApiMessage> findCoordinator(KafkaConnection c, RequestHeader header, AbstractRequest request) {
        FindCoordinatorRequestData data = (FindCoordinatorRequestData) request.data();
        KafkaBroker broker = c.broker();
        // Transactions are not served, so only group coordinators exist.
        Errors error = data.keyType() == COORDINATOR_GROUP ? Errors.NONE : Errors.COORDINATOR_NOT_AVAILABLE;
        FindCoordinatorResponseData response = new FindCoordinatorResponseData();
        if (header.apiVersion() >= 4) {
            for (String key : data.coordinatorKeys()) {
                response.coordinators().add(new Coordinator().setKey(key).setNodeId(KafkaBroker.NODE_ID)
                        .setHost(broker.host()).setPort(broker.port()).setErrorCode(error.code()));
            }
        } else {
            response.setNodeId(KafkaBroker.NODE_ID).setHost(broker.host()).setPort(broker.port())
                    .setErrorCode(error.code());
        }
        return CompletableFuture.completedFuture(response);
    }
}

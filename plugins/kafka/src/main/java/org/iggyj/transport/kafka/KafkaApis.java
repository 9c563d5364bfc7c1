package org.iggyj.transport.kafka;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Routes a parsed request to the class implementing its API, after the authentication gate: before
 * SASL succeeds only ApiVersions, SaslHandshake and SaslAuthenticate are served and anything else
 * closes the connection, as a Kafka SASL listener does; with {@code anonymous_username} set, such a
 * request first logs the connection in as that user. Stateless.
 */
final class KafkaApis {

    private final SaslApi sasl = new SaslApi();
    private final MetadataApi metadata = new MetadataApi();
    private final ProduceApi produce = new ProduceApi();
    private final FetchApi fetch = new FetchApi();
    private final ListOffsetsApi listOffsets = new ListOffsetsApi();
    private final TopicAdminApi topics = new TopicAdminApi();
    private final GroupApi groups = new GroupApi();
    private final OffsetApi offsets = new OffsetApi();
    private final DescribeConfigsApi configs = new DescribeConfigsApi();

    /**
     * @return the response data, null for none (Produce with acks=0); failing with
     *         {@link CloseConnection} to end the connection
     */
    CompletionStage<ApiMessage> handle(KafkaConnection c, RequestHeader header, AbstractRequest request) {
        ApiKeys key = header.apiKey();
        if (key == ApiKeys.API_VERSIONS) {
            return CompletableFuture.completedFuture(SupportedApis.response(Errors.NONE));
        }
        if (key == ApiKeys.SASL_HANDSHAKE || key == ApiKeys.SASL_AUTHENTICATE) {
            return sasl.handle(c, request);
        }
        if (!c.authenticated()) {
            if (c.broker().config().anonymousUsername() == null) {
                return CompletableFuture.failedFuture(new CloseConnection(key + " before SASL authentication"));
            }
            return sasl.loginAnonymous(c).thenCompose(ok -> route(c, header, request));
        }
        return route(c, header, request);
    }

    private CompletionStage<ApiMessage> route(KafkaConnection c, RequestHeader header, AbstractRequest request) {
        return switch (header.apiKey()) {
            case METADATA -> metadata.metadata(c, request);
            case FIND_COORDINATOR -> metadata.findCoordinator(c, header, request);
            case PRODUCE -> produce.produce(c, request);
            case INIT_PRODUCER_ID -> produce.initProducerId(c, request);
            case FETCH -> fetch.fetch(c, request);
            case LIST_OFFSETS -> listOffsets.listOffsets(c, request);
            case CREATE_TOPICS -> topics.create(c, request);
            case DELETE_TOPICS -> topics.delete(c, request);
            case DESCRIBE_CONFIGS -> configs.describe(c, request);
            case JOIN_GROUP, SYNC_GROUP, HEARTBEAT, LEAVE_GROUP, LIST_GROUPS, DESCRIBE_GROUPS ->
                    groups.handle(c, header, request);
            case OFFSET_COMMIT -> offsets.commit(c, request);
            case OFFSET_FETCH -> offsets.fetch(c, header, request);
            default -> CompletableFuture.failedFuture(new CloseConnection("unsupported API " + header.apiKey()));
        };
    }
}

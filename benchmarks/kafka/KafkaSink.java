import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataRequestData.MetadataRequestTopic;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBroker;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponsePartition;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceRequestData.PartitionProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.message.ProduceResponseData.TopicProduceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.RequestUtils;
import org.apache.kafka.common.requests.ResponseHeader;

/**
 * A Kafka-protocol sink: the least a server can do for {@code kafka-producer-perf-test}. It answers
 * ApiVersions, Metadata (every topic asked for exists with one partition, led by this node),
 * InitProducerId and Produce, which it acknowledges without checking, decoding or storing the records.
 * Produce against it measures the perf tool's own ceiling on this machine, the rate no server can beat
 * (compare-kafka.sh, {@code MODE=kafka-protocol SINK=1}; docs/kafka.md, "seventh pass").
 *
 * <p>Requests and responses go through {@code kafka-clients}' own header and message classes, at the
 * versions iggyj's Kafka plugin advertises for these APIs, so the tool sends the same requests to both.
 * One thread per connection answers its requests in order, as a broker does; the frame buffer is reused.
 *
 * <pre>
 *   java -cp "benchmarks/kafka/target/lib/*" benchmarks/kafka/KafkaSink.java PORT
 * </pre>
 */
public final class KafkaSink {

    private static final int NODE_ID = 1;
    private static final int MAX_FRAME = 100 * 1024 * 1024;

    private final int port;
    private long producerIds;

    private KafkaSink(int port) {
        this.port = port;
    }

    public static void main(String[] args) throws IOException {
        new KafkaSink(Integer.parseInt(args[0])).serve();
    }

    private void serve() throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            while (true) {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                Thread connection = new Thread(() -> connection(socket), "sink-" + socket.getPort());
                connection.setDaemon(true);
                connection.start();
            }
        }
    }

    private void connection(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 65536));
            byte[] frame = new byte[65536];
            while (true) {
                int size;
                try {
                    size = in.readInt();
                } catch (EOFException closed) {
                    return;
                }
                if (size < 0 || size > MAX_FRAME) {
                    return;
                }
                if (size > frame.length) {
                    frame = new byte[Math.max(size, frame.length * 2)];
                }
                in.readFully(frame, 0, size);
                ByteBuffer buffer = ByteBuffer.wrap(frame, 0, size);
                RequestHeader header = RequestHeader.parse(buffer);
                ApiKeys key = header.apiKey();
                short version = header.apiVersion();
                ApiMessage response;
                if (key == ApiKeys.API_VERSIONS) {
                    // answered at version 0 whatever was asked, as a broker answers an unknown version
                    version = 0;
                    response = apiVersions();
                } else {
                    AbstractRequest request = AbstractRequest.parseRequest(key, version,
                            new ByteBufferAccessor(buffer)).request;
                    response = answer(key, request);
                }
                if (response == null) {
                    continue; // Produce with acks=0
                }
                ByteBuffer bytes = RequestUtils.serialize(new ResponseHeader(header.correlationId(),
                        key.responseHeaderVersion(version)).data(), key.responseHeaderVersion(version),
                        response, version);
                out.writeInt(bytes.remaining());
                out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("sink connection " + socket.getRemoteSocketAddress() + " closed: " + e);
        }
    }

    private ApiMessage answer(ApiKeys key, AbstractRequest request) {
        switch (key) {
            case METADATA:
                return metadata((MetadataRequestData) request.data());
            case INIT_PRODUCER_ID:
                synchronized (this) {
                    return new InitProducerIdResponseData().setProducerId(++producerIds).setProducerEpoch((short) 0);
                }
            case PRODUCE:
                return produce((ProduceRequestData) request.data());
            default:
                throw new IllegalStateException("the sink does not serve " + key);
        }
    }

    /** The same caps as the plugin's SupportedApis: topics named, not identified by topic id. */
    private static ApiVersionsResponseData apiVersions() {
        ApiVersionsResponseData data = new ApiVersionsResponseData();
        add(data, ApiKeys.API_VERSIONS, Short.MAX_VALUE);
        add(data, ApiKeys.METADATA, 12);
        add(data, ApiKeys.PRODUCE, 12);
        add(data, ApiKeys.INIT_PRODUCER_ID, Short.MAX_VALUE);
        return data;
    }

    private static void add(ApiVersionsResponseData data, ApiKeys key, int cap) {
        data.apiKeys().add(new ApiVersion().setApiKey(key.id).setMinVersion(key.oldestVersion())
                .setMaxVersion((short) Math.min(key.latestVersion(), cap)));
    }

    private MetadataResponseData metadata(MetadataRequestData request) {
        MetadataResponseData response = new MetadataResponseData().setClusterId("iggyj-kafka-sink")
                .setControllerId(NODE_ID).setClusterAuthorizedOperations(Integer.MIN_VALUE);
        response.brokers().add(new MetadataResponseBroker().setNodeId(NODE_ID).setHost("127.0.0.1").setPort(port));
        if (request.topics() != null) {
            for (MetadataRequestTopic topic : request.topics()) {
                response.topics().add(new MetadataResponseTopic().setName(topic.name()).setTopicId(Uuid.ZERO_UUID)
                        .setTopicAuthorizedOperations(Integer.MIN_VALUE)
                        .setPartitions(List.of(new MetadataResponsePartition().setPartitionIndex(0)
                                .setLeaderId(NODE_ID).setLeaderEpoch(0).setReplicaNodes(List.of(NODE_ID))
                                .setIsrNodes(List.of(NODE_ID)).setOfflineReplicas(List.of()))));
            }
        }
        return response;
    }

    private static ProduceResponseData produce(ProduceRequestData request) {
        if (request.acks() == 0) {
            return null;
        }
        ProduceResponseData response = new ProduceResponseData();
        for (TopicProduceData topic : request.topicData()) {
            TopicProduceResponse answer = new TopicProduceResponse().setName(topic.name());
            response.responses().add(answer);
            for (PartitionProduceData partition : topic.partitionData()) {
                answer.partitionResponses().add(new PartitionProduceResponse().setIndex(partition.index())
                        .setErrorCode(Errors.NONE.code()).setBaseOffset(0).setLogAppendTimeMs(-1)
                        .setLogStartOffset(-1));
            }
        }
        return response;
    }
}

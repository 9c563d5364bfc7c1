package org.iggyj.transport.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.StreamRef;
import org.iggyj.protocol.response.StreamReader;
import org.iggyj.protocol.response.TopicReader;

/**
 * DescribeConfigs, read-only, for what Kafka's tools ask ({@code kafka-topics --describe}, the Admin
 * client's {@code describeConfigs}). A topic reports the Iggy settings that have a Kafka meaning:
 * {@code retention.ms} from the message expiry and {@code retention.bytes} from the maximum topic size
 * ({@code -1}, as default, when Iggy keeps messages forever or without a size limit, or leaves it to
 * the server's default), and {@code cleanup.policy} {@code delete}, the only policy Iggy has. The broker
 * (node 0) has no configs to show. Every entry is read-only: AlterConfigs is not served. Stateless.
 */
final class DescribeConfigsApi {

    private static final long NEVER = -1;

    CompletionStage<ApiMessage> describe(KafkaConnection c, AbstractRequest request) {
        DescribeConfigsRequestData data = (DescribeConfigsRequestData) request.data();
        return c.iggy().find(CommandCode.GET_STREAM, out -> new StreamRef(c.broker().stream()).encode(out),
                StreamReader::details).handle((stream, failure) -> {
                    DescribeConfigsResponseData response = new DescribeConfigsResponseData();
                    for (DescribeConfigsResource resource : data.resources()) {
                        response.results().add(describe(resource, stream, failure));
                    }
                    return response;
                });
    }

    private static DescribeConfigsResult describe(DescribeConfigsResource resource,
                                                  Optional<StreamReader.StreamDetails> stream, Throwable failure) {
        DescribeConfigsResult result = new DescribeConfigsResult().setResourceType(resource.resourceType())
                .setResourceName(resource.resourceName()).setErrorCode(Errors.NONE.code());
        ConfigResource.Type type = ConfigResource.Type.forId(resource.resourceType());
        if (type == ConfigResource.Type.BROKER) {
            return String.valueOf(KafkaBroker.NODE_ID).equals(resource.resourceName()) || resource.resourceName().isEmpty()
                    ? result : error(result, Errors.INVALID_REQUEST, "no broker " + resource.resourceName());
        }
        if (type != ConfigResource.Type.TOPIC) {
            return error(result, Errors.INVALID_REQUEST, "configs of " + type + " resources are not served");
        }
        if (failure != null) {
            return error(result, KafkaErrors.forFailure(failure), null);
        }
        TopicReader.Topic topic = stream.flatMap(s -> s.topics().stream()
                .filter(t -> t.name().equals(resource.resourceName())).findFirst()).orElse(null);
        if (topic == null) {
            return error(result, Errors.UNKNOWN_TOPIC_OR_PARTITION, null);
        }
        Map<String, DescribeConfigsResourceResult> configs = new LinkedHashMap<>();
        put(configs, "cleanup.policy", "delete", ConfigSource.DEFAULT_CONFIG, ConfigType.LIST);
        put(configs, "retention.bytes", limit(topic.maxTopicSize()), ConfigType.LONG);
        long expiryMs = limit(topic.messageExpiryUs()) == NEVER ? NEVER : Math.max(1, topic.messageExpiryUs() / 1000);
        put(configs, "retention.ms", expiryMs, ConfigType.LONG);
        List<DescribeConfigsResourceResult> wanted = new ArrayList<>();
        if (resource.configurationKeys() == null) {
            wanted.addAll(configs.values());
        } else {
            for (String key : resource.configurationKeys()) {
                if (configs.containsKey(key)) {
                    wanted.add(configs.get(key));
                }
            }
        }
        return result.setConfigs(wanted);
    }

    /** @return Iggy's limit as Kafka writes it: -1 for none (0 = server default, u64::MAX = unlimited) */
    private static long limit(long iggy) {
        return iggy == 0 || iggy == -1 ? NEVER : iggy;
    }

    private static void put(Map<String, DescribeConfigsResourceResult> configs, String name, long value,
                            ConfigType type) {
        put(configs, name, Long.toString(value), value == NEVER ? ConfigSource.DEFAULT_CONFIG : ConfigSource.TOPIC_CONFIG,
                type);
    }

    private static void put(Map<String, DescribeConfigsResourceResult> configs, String name, String value,
                            ConfigSource source, ConfigType type) {
        configs.put(name, new DescribeConfigsResourceResult().setName(name).setValue(value).setReadOnly(true)
                .setConfigSource(source.id()).setIsSensitive(false).setConfigType(type.id()));
    }

    private static DescribeConfigsResult error(DescribeConfigsResult result, Errors error, String message) {
        return result.setErrorCode(error.code()).setErrorMessage(message == null ? error.message() : message);
    }
}

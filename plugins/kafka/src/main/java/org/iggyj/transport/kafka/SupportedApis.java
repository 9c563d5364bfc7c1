package org.iggyj.transport.kafka;

import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * The APIs and versions this transport implements, and so advertises in ApiVersions: from the oldest
 * version {@code kafka-clients} still speaks to a cap where a newer version would change what the
 * server must do. The caps keep topics named rather than identified by topic id (Produce 13, Fetch 13,
 * OffsetCommit 10 and OffsetFetch 10 switch to topic ids). Immutable.
 */
final class SupportedApis {

    private static final Map<ApiKeys, short[]> VERSIONS = new EnumMap<>(ApiKeys.class);

    static {
        upTo(ApiKeys.API_VERSIONS, Short.MAX_VALUE);
        upTo(ApiKeys.SASL_HANDSHAKE, 1);
        upTo(ApiKeys.SASL_AUTHENTICATE, Short.MAX_VALUE);
        upTo(ApiKeys.METADATA, 12);
        upTo(ApiKeys.PRODUCE, 12);
        upTo(ApiKeys.INIT_PRODUCER_ID, Short.MAX_VALUE);
        upTo(ApiKeys.FETCH, 12);
        upTo(ApiKeys.LIST_OFFSETS, Short.MAX_VALUE);
        upTo(ApiKeys.FIND_COORDINATOR, Short.MAX_VALUE);
        upTo(ApiKeys.JOIN_GROUP, Short.MAX_VALUE);
        upTo(ApiKeys.SYNC_GROUP, Short.MAX_VALUE);
        upTo(ApiKeys.HEARTBEAT, Short.MAX_VALUE);
        upTo(ApiKeys.LEAVE_GROUP, Short.MAX_VALUE);
        upTo(ApiKeys.OFFSET_COMMIT, 9);
        upTo(ApiKeys.OFFSET_FETCH, 9);
        upTo(ApiKeys.LIST_GROUPS, Short.MAX_VALUE);
        upTo(ApiKeys.DESCRIBE_GROUPS, Short.MAX_VALUE);
        upTo(ApiKeys.CREATE_TOPICS, Short.MAX_VALUE);
        upTo(ApiKeys.DELETE_TOPICS, Short.MAX_VALUE);
        upTo(ApiKeys.DESCRIBE_CONFIGS, Short.MAX_VALUE);
    }

    private SupportedApis() {
    }

    private static void upTo(ApiKeys key, int cap) {
        VERSIONS.put(key, new short[] {key.oldestVersion(), (short) Math.min(key.latestVersion(), cap)});
    }

    /** @return whether this version of the API is implemented */
    static boolean supports(ApiKeys key, short version) {
        short[] range = VERSIONS.get(key);
        return range != null && version >= range[0] && version <= range[1];
    }

    /** @return whether any version of the API is implemented */
    static boolean knows(ApiKeys key) {
        return VERSIONS.containsKey(key);
    }

    /** @return the ApiVersions answer: every implemented API with its range */
    static ApiVersionsResponseData response(Errors error) {
        ApiVersionsResponseData data = new ApiVersionsResponseData().setErrorCode(error.code());
        VERSIONS.forEach((key, range) -> data.apiKeys().add(new ApiVersion().setApiKey(key.id)
                .setMinVersion(range[0]).setMaxVersion(range[1])));
        return data;
    }
}

package org.iggyj.protocol;

/**
 * Every status code of the Iggy 0.8 server ({@code IggyError} discriminants), with its snake_case label.
 *
 * <p>The wire carries only the number: a response frame's {@code status} field is {@link #code()}, with no
 * message body. Constant names are the Rust variant names in UPPER_SNAKE_CASE so that a code can be
 * looked up in the upstream sources and in {@code binary-protocol.md} §7 by name. Codes marked there as
 * client-side or HTTP-only are listed too, so every code a client may see has a constant.
 *
 * <p>Immutable; safe on any thread.
 */
public enum ErrorCode {
    /** Generic, unspecified failure. Clients map unknown codes to this. */
    ERROR(1, "error"),
    /** Invalid server/client configuration. */
    INVALID_CONFIGURATION(2, "invalid_configuration"),
    /** Request could not be decoded or is not acceptable: unknown command code, frame length &lt; 4, control payload &gt; 10 MiB, truncated payload, invalid UTF-8, unknown enum discriminant (identifier kind, consumer kind, polling kind, partitioning kind, compression, user status, snapshot codes), malformed send_messages metadata (partitioning kind unknown, balanced with length != 0, partition_id with length != 4, metadata_length larger than the payload, missing bytes). */
    INVALID_COMMAND(3, "invalid_command"),
    /** Control-command payload decoded but failed a structural rule: a name with length byte 0, a numeric identifier whose length byte is not 4, a string identifier with length 0, a permissions block whose u32 length differs from the bytes it actually decodes to. (Not used by send_messages, see 3 and 6.) */
    INVALID_FORMAT(4, "invalid_format"),
    /** Feature not available (reserved for cluster metadata when clustering is off; 0.8 actually answers get_cluster_metadata with single-node data). */
    FEATURE_UNAVAILABLE(5, "feature_unavailable"),
    /** Malformed identifier (used by the send_messages metadata parser: unknown kind, missing bytes, numeric length not 4, empty). */
    INVALID_IDENTIFIER(6, "invalid_identifier"),
    /** Version string could not be parsed. */
    INVALID_VERSION(7, "invalid_version"),
    /** Server is disconnecting: sent unsolicited when the server stops a connection during shutdown, and as the answer to login while shutting down. */
    DISCONNECTED(8, "disconnected"),
    /** Client-side connection failure. */
    CANNOT_ESTABLISH_CONNECTION(9, "cannot_establish_connection"),
    /** Server storage: base directory creation failed. */
    CANNOT_CREATE_BASE_DIRECTORY(10, "cannot_create_base_directory"),
    /** Server storage: runtime directory creation failed. */
    CANNOT_CREATE_RUNTIME_DIRECTORY(11, "cannot_create_runtime_directory"),
    /** Server storage: runtime directory removal failed. */
    CANNOT_REMOVE_RUNTIME_DIRECTORY(12, "cannot_remove_runtime_directory"),
    /** Server storage: state directory creation failed. */
    CANNOT_CREATE_STATE_DIRECTORY(13, "cannot_create_state_directory"),
    /** Server state (metadata log) file missing. */
    STATE_FILE_NOT_FOUND(14, "state_file_not_found"),
    /** Server state file corrupted. */
    STATE_FILE_CORRUPTED(15, "state_file_corrupted"),
    /** Checksum mismatch in a server state entry. */
    INVALID_STATE_ENTRY_CHECKSUM(16, "invalid_state_entry_checksum"),
    /** Legacy: database could not be opened. */
    CANNOT_OPEN_DATABASE(19, "cannot_open_database"),
    /** Generic "not found": user (by id or name) in user commands, PAT by name on delete, unknown PAT token on PAT login. */
    RESOURCE_NOT_FOUND(20, "resource_not_found"),
    /** WebSocket transport close failure. */
    CANNOT_CLOSE_WEB_SOCKET_CONNECTION(21, "cannot_close_web_socket_connection"),
    /** Session is stale (heartbeat expired) or the client record is gone (also returned when polling with a consumer group and the client record is missing). The server sends this error and then closes the connection. */
    STALE_CLIENT(30, "stale_client"),
    /** TCP I/O failure (e.g. reading the frame failed for a reason other than EOF). */
    TCP_ERROR(31, "tcp_error"),
    /** QUIC transport failure. */
    QUIC_ERROR(32, "quic_error"),
    /** Invalid server address (configuration/client). */
    INVALID_SERVER_ADDRESS(33, "invalid_server_address"),
    /** Invalid client address. */
    INVALID_CLIENT_ADDRESS(34, "invalid_client_address"),
    /** Invalid IP address. */
    INVALID_IP_ADDRESS(35, "invalid_ip_address"),
    /** HTTP transport failure. */
    HTTP_ERROR(36, "http_error"),
    /** Command requires a logged-in session (every command except ping, login, PAT login). */
    UNAUTHENTICATED(40, "unauthenticated"),
    /** Logged-in user lacks the permission required by the command. */
    UNAUTHORIZED(41, "unauthorized"),
    /** Login failed (unknown user or wrong password); also wrong current password in change_password. */
    INVALID_CREDENTIALS(42, "invalid_credentials"),
    /** Username byte length outside 3..=50 (login, create_user, update_user). */
    INVALID_USERNAME(43, "invalid_username"),
    /** Password byte length outside 3..=100 (login, create_user, change_password: both passwords). */
    INVALID_PASSWORD(44, "invalid_password"),
    /** Invalid user status. Not produced by the 0.8 TCP path (an unknown status code yields 3). */
    INVALID_USER_STATUS(45, "invalid_user_status"),
    /** create_user / update_user with a username already taken. */
    USER_ALREADY_EXISTS(46, "user_already_exists"),
    /** Login of a user whose status is inactive. */
    USER_INACTIVE(47, "user_inactive"),
    /** Attempt to delete the root user. */
    CANNOT_DELETE_USER(48, "cannot_delete_user"),
    /** Attempt to update permissions of the root user. */
    CANNOT_CHANGE_PERMISSIONS(49, "cannot_change_permissions"),
    /** PAT name byte length outside 3..=30. */
    INVALID_PERSONAL_ACCESS_TOKEN_NAME(50, "invalid_personal_access_token_name"),
    /** User already has a PAT with this name. */
    PERSONAL_ACCESS_TOKEN_ALREADY_EXISTS(51, "personal_access_token_already_exists"),
    /** User reached the per-user PAT limit (server config, default 100). */
    PERSONAL_ACCESS_TOKENS_LIMIT_REACHED(52, "personal_access_tokens_limit_reached"),
    /** Invalid PAT (HTTP path; TCP PAT login with an unknown token returns 20). */
    INVALID_PERSONAL_ACCESS_TOKEN(53, "invalid_personal_access_token"),
    /** PAT login with an expired token. */
    PERSONAL_ACCESS_TOKEN_EXPIRED(54, "personal_access_token_expired"),
    /** Maximum number of users reached. */
    USERS_LIMIT_REACHED(55, "users_limit_reached"),
    /** Client-side: not connected. */
    NOT_CONNECTED(61, "not_connected"),
    /** Client-side: client shut down. */
    CLIENT_SHUTDOWN(63, "client_shutdown"),
    /** TLS configuration: bad domain. */
    INVALID_TLS_DOMAIN(64, "invalid_tls_domain"),
    /** TLS configuration: bad certificate path. */
    INVALID_TLS_CERTIFICATE_PATH(65, "invalid_tls_certificate_path"),
    /** TLS configuration: bad certificate. */
    INVALID_TLS_CERTIFICATE(66, "invalid_tls_certificate"),
    /** TLS configuration: certificate could not be added. */
    FAILED_TO_ADD_CERTIFICATE(67, "failed_to_add_certificate"),
    /** Server-side message encryption: bad key. */
    INVALID_ENCRYPTION_KEY(70, "invalid_encryption_key"),
    /** Encryption failed. */
    CANNOT_ENCRYPT_DATA(71, "cannot_encrypt_data"),
    /** Decryption failed (e.g. while polling from an encrypted server). */
    CANNOT_DECRYPT_DATA(72, "cannot_decrypt_data"),
    /** HTTP/JWT: bad algorithm. */
    INVALID_JWT_ALGORITHM(73, "invalid_jwt_algorithm"),
    /** HTTP/JWT: bad secret. */
    INVALID_JWT_SECRET(74, "invalid_jwt_secret"),
    /** HTTP/JWT: token missing. */
    JWT_MISSING(75, "jwt_missing"),
    /** HTTP/JWT: generation failed. */
    CANNOT_GENERATE_JWT(76, "cannot_generate_jwt"),
    /** HTTP: access token missing. */
    ACCESS_TOKEN_MISSING(77, "access_token_missing"),
    /** HTTP: access token invalid. */
    INVALID_ACCESS_TOKEN(78, "invalid_access_token"),
    /** HTTP/JWT: JWKS fetch failed. */
    CANNOT_FETCH_JWKS(79, "cannot_fetch_jwks"),
    /** Decoder reported an oversized value (WireError::PayloadTooLarge); practically unused on decode. */
    INVALID_SIZE_BYTES(80, "invalid_size_bytes"),
    /** Invalid UTF-8 (generic; the wire decoder reports invalid UTF-8 as 3). */
    INVALID_UTF8(81, "invalid_utf8"),
    /** A fixed-width number could not be read (send_messages metadata). */
    INVALID_NUMBER_ENCODING(82, "invalid_number_encoding"),
    /** Invalid boolean value. */
    INVALID_BOOLEAN_VALUE(83, "invalid_boolean_value"),
    /** Invalid number value. */
    INVALID_NUMBER_VALUE(84, "invalid_number_value"),
    /** Client session record not found (e.g. get_me when the session record vanished). The server sends this error and closes the connection. */
    CLIENT_NOT_FOUND(100, "client_not_found"),
    /** get_client with client_id 0. */
    INVALID_CLIENT_ID(101, "invalid_client_id"),
    /** Peer closed the connection (internal; never sent on the wire). */
    CONNECTION_CLOSED(206, "connection_closed"),
    /** User-header kind string could not be parsed (client-side). */
    CANNOT_PARSE_HEADER_KIND(209, "cannot_parse_header_kind"),
    /** HTTP client: error response. */
    HTTP_RESPONSE_ERROR(300, "http_response_error"),
    /** HTTP: invalid request. */
    INVALID_HTTP_REQUEST(301, "invalid_http_request"),
    /** HTTP client: bad JSON. */
    INVALID_JSON_RESPONSE(302, "invalid_json_response"),
    /** Client: response bytes could not be decoded. */
    INVALID_BYTES_RESPONSE(303, "invalid_bytes_response"),
    /** Client: unexpected empty response. */
    EMPTY_RESPONSE(304, "empty_response"),
    /** QUIC client: endpoint creation failed. */
    CANNOT_CREATE_ENDPOINT(305, "cannot_create_endpoint"),
    /** HTTP client: URL parse failure. */
    CANNOT_PARSE_URL(306, "cannot_parse_url"),
    /** WebSocket transport error. */
    WEB_SOCKET_ERROR(400, "web_socket_error"),
    /** WebSocket connection error. */
    WEB_SOCKET_CONNECTION_ERROR(401, "web_socket_connection_error"),
    /** WebSocket close error. */
    WEB_SOCKET_CLOSE_ERROR(402, "web_socket_close_error"),
    /** WebSocket receive error. */
    WEB_SOCKET_RECEIVE_ERROR(403, "web_socket_receive_error"),
    /** WebSocket send error. */
    WEB_SOCKET_SEND_ERROR(404, "web_socket_send_error"),
    /** Storage: streams directory creation failed. */
    CANNOT_CREATE_STREAMS_DIRECTORY(1000, "cannot_create_streams_directory"),
    /** Storage: stream directory creation failed. */
    CANNOT_CREATE_STREAM_DIRECTORY(1001, "cannot_create_stream_directory"),
    /** Storage: stream info file creation failed. */
    CANNOT_CREATE_STREAM_INFO(1002, "cannot_create_stream_info"),
    /** Storage: stream info update failed. */
    CANNOT_UPDATE_STREAM_INFO(1003, "cannot_update_stream_info"),
    /** Storage: stream info open failed. */
    CANNOT_OPEN_STREAM_INFO(1004, "cannot_open_stream_info"),
    /** Storage: stream info read failed. */
    CANNOT_READ_STREAM_INFO(1005, "cannot_read_stream_info"),
    /** Stream creation failed. */
    CANNOT_CREATE_STREAM(1006, "cannot_create_stream"),
    /** Stream deletion failed. */
    CANNOT_DELETE_STREAM(1007, "cannot_delete_stream"),
    /** Storage: stream directory deletion failed. */
    CANNOT_DELETE_STREAM_DIRECTORY(1008, "cannot_delete_stream_directory"),
    /** Stream not found. In 0.8 this is returned for BOTH numeric and string stream identifiers. */
    STREAM_ID_NOT_FOUND(1009, "stream_id_not_found"),
    /** Stream name not found. Not produced by 0.8 TCP handlers (they use 1009). */
    STREAM_NAME_NOT_FOUND(1010, "stream_name_not_found"),
    /** Storage: stream directory missing. */
    STREAM_DIRECTORY_NOT_FOUND(1011, "stream_directory_not_found"),
    /** create_stream / update_stream with a name already in use. */
    STREAM_NAME_ALREADY_EXISTS(1012, "stream_name_already_exists"),
    /** Invalid stream name (HTTP path only in 0.8; TCP empty name gives 4). */
    INVALID_STREAM_NAME(1013, "invalid_stream_name"),
    /** Invalid stream id. */
    INVALID_STREAM_ID(1014, "invalid_stream_id"),
    /** Storage: streams could not be read. */
    CANNOT_READ_STREAMS(1015, "cannot_read_streams"),
    /** Custom max topic size smaller than the configured segment size (default segment size 1 GiB). */
    INVALID_TOPIC_SIZE(1019, "invalid_topic_size"),
    /** Storage: topics directory creation failed. */
    CANNOT_CREATE_TOPICS_DIRECTORY(2000, "cannot_create_topics_directory"),
    /** Storage: topic directory creation failed. */
    CANNOT_CREATE_TOPIC_DIRECTORY(2001, "cannot_create_topic_directory"),
    /** Storage: topic info creation failed. */
    CANNOT_CREATE_TOPIC_INFO(2002, "cannot_create_topic_info"),
    /** Storage: topic info update failed. */
    CANNOT_UPDATE_TOPIC_INFO(2003, "cannot_update_topic_info"),
    /** Storage: topic info open failed. */
    CANNOT_OPEN_TOPIC_INFO(2004, "cannot_open_topic_info"),
    /** Storage: topic info read failed. */
    CANNOT_READ_TOPIC_INFO(2005, "cannot_read_topic_info"),
    /** Topic creation failed. */
    CANNOT_CREATE_TOPIC(2006, "cannot_create_topic"),
    /** Topic deletion failed. */
    CANNOT_DELETE_TOPIC(2007, "cannot_delete_topic"),
    /** Storage: topic directory deletion failed. */
    CANNOT_DELETE_TOPIC_DIRECTORY(2008, "cannot_delete_topic_directory"),
    /** Topic cannot be polled. */
    CANNOT_POLL_TOPIC(2009, "cannot_poll_topic"),
    /** Topic not found (numeric or string identifier). Also returned by a balanced send to a topic that has zero partitions. */
    TOPIC_ID_NOT_FOUND(2010, "topic_id_not_found"),
    /** Topic name not found. Not produced by 0.8 TCP handlers (they use 2010). */
    TOPIC_NAME_NOT_FOUND(2011, "topic_name_not_found"),
    /** create_topic / update_topic with a name already used in the stream. */
    TOPIC_NAME_ALREADY_EXISTS(2013, "topic_name_already_exists"),
    /** Invalid topic name (HTTP path only in 0.8). */
    INVALID_TOPIC_NAME(2014, "invalid_topic_name"),
    /** create_topic with partitions_count &gt; 1000; create_partitions with count 0 or &gt; 1000; delete_partitions with count 0. */
    TOO_MANY_PARTITIONS(2015, "too_many_partitions"),
    /** Invalid topic id. */
    INVALID_TOPIC_ID(2016, "invalid_topic_id"),
    /** Storage: topics could not be read. */
    CANNOT_READ_TOPICS(2017, "cannot_read_topics"),
    /** Invalid replication factor (not produced by 0.8 TCP handlers). */
    INVALID_REPLICATION_FACTOR(2018, "invalid_replication_factor"),
    /** delete_partitions asking to delete more partitions than exist. */
    INVALID_PARTITIONS_COUNT(2019, "invalid_partitions_count"),
    /** Storage: topic directory missing. */
    TOPIC_DIRECTORY_NOT_FOUND(2020, "topic_directory_not_found"),
    /** Partition creation failed. */
    CANNOT_CREATE_PARTITION(3000, "cannot_create_partition"),
    /** Storage: partitions directory creation failed. */
    CANNOT_CREATE_PARTITIONS_DIRECTORY(3001, "cannot_create_partitions_directory"),
    /** Storage: partition directory creation failed. */
    CANNOT_CREATE_PARTITION_DIRECTORY(3002, "cannot_create_partition_directory"),
    /** Storage: partition log open failed. */
    CANNOT_OPEN_PARTITION_LOG_FILE(3003, "cannot_open_partition_log_file"),
    /** Storage: partitions could not be read. */
    CANNOT_READ_PARTITIONS(3004, "cannot_read_partitions"),
    /** Partition deletion failed. */
    CANNOT_DELETE_PARTITION(3005, "cannot_delete_partition"),
    /** Storage: partition directory deletion failed. */
    CANNOT_DELETE_PARTITION_DIRECTORY(3006, "cannot_delete_partition_directory"),
    /** Partition id does not exist in the topic (send with explicit partition, poll, offsets, flush, delete_segments). */
    PARTITION_NOT_FOUND(3007, "partition_not_found"),
    /** Topic has no partitions (not produced by 0.8 TCP handlers). */
    NO_PARTITIONS(3008, "no_partitions"),
    /** Topic reached its maximum size. */
    TOPIC_FULL(3009, "topic_full"),
    /** Storage: consumer offsets directory deletion failed. */
    CANNOT_DELETE_CONSUMER_OFFSETS_DIRECTORY(3010, "cannot_delete_consumer_offsets_directory"),
    /** Storage: consumer offset file deletion failed. */
    CANNOT_DELETE_CONSUMER_OFFSET_FILE(3011, "cannot_delete_consumer_offset_file"),
    /** Storage: consumer offsets directory creation failed. */
    CANNOT_CREATE_CONSUMER_OFFSETS_DIRECTORY(3012, "cannot_create_consumer_offsets_directory"),
    /** Storage: consumer offsets could not be read. */
    CANNOT_READ_CONSUMER_OFFSETS(3020, "cannot_read_consumer_offsets"),
    /** No stored offset for the consumer (used by delete_consumer_offset when nothing is stored). */
    CONSUMER_OFFSET_NOT_FOUND(3021, "consumer_offset_not_found"),
    /** Consumer could not be resolved to a partition (consumer-group member with no assigned partition, or an explicit partition the member does not own) for store/delete offset. */
    NOT_RESOLVED_CONSUMER(3022, "not_resolved_consumer"),
    /** Storage: consumer offsets file open failed. */
    CANNOT_OPEN_CONSUMER_OFFSETS_FILE(3023, "cannot_open_consumer_offsets_file"),
    /** Segment not found. */
    SEGMENT_NOT_FOUND(4000, "segment_not_found"),
    /** Segment is closed. */
    SEGMENT_CLOSED(4001, "segment_closed"),
    /** Invalid segment size. */
    INVALID_SEGMENT_SIZE(4002, "invalid_segment_size"),
    /** Storage: segment log creation failed. */
    CANNOT_CREATE_SEGMENT_LOG_FILE(4003, "cannot_create_segment_log_file"),
    /** Storage: segment index creation failed. */
    CANNOT_CREATE_SEGMENT_INDEX_FILE(4004, "cannot_create_segment_index_file"),
    /** Storage: segment time index creation failed. */
    CANNOT_CREATE_SEGMENT_TIME_INDEX_FILE(4005, "cannot_create_segment_time_index_file"),
    /** Storage: writing messages failed. */
    CANNOT_SAVE_MESSAGES_TO_SEGMENT(4006, "cannot_save_messages_to_segment"),
    /** Storage: writing index failed. */
    CANNOT_SAVE_INDEX_TO_SEGMENT(4007, "cannot_save_index_to_segment"),
    /** Storage: writing time index failed. */
    CANNOT_SAVE_TIME_INDEX_TO_SEGMENT(4008, "cannot_save_time_index_to_segment"),
    /** send_messages batch with zero messages (messages_count 0), or counted messages not matching index entries. */
    INVALID_MESSAGES_COUNT(4009, "invalid_messages_count"),
    /** Append failed. */
    CANNOT_APPEND_MESSAGE(4010, "cannot_append_message"),
    /** Read failed. */
    CANNOT_READ_MESSAGE(4011, "cannot_read_message"),
    /** Legacy read error. */
    CANNOT_READ_MESSAGE_ID(4012, "cannot_read_message_id"),
    /** Legacy read error. */
    CANNOT_READ_MESSAGE_STATE(4013, "cannot_read_message_state"),
    /** Legacy read error. */
    CANNOT_READ_MESSAGE_TIMESTAMP(4014, "cannot_read_message_timestamp"),
    /** Legacy read error. */
    CANNOT_READ_HEADERS_LENGTH(4015, "cannot_read_headers_length"),
    /** Legacy read error. */
    CANNOT_READ_HEADERS_PAYLOAD(4016, "cannot_read_headers_payload"),
    /** A message's user headers exceed 100,000 bytes. */
    TOO_BIG_USER_HEADERS(4017, "too_big_user_headers"),
    /** User header key invalid for its kind (size mismatch). */
    INVALID_HEADER_KEY(4018, "invalid_header_key"),
    /** User header value invalid for its kind (size mismatch). */
    INVALID_HEADER_VALUE(4019, "invalid_header_value"),
    /** Legacy read error. */
    CANNOT_READ_MESSAGE_LENGTH(4020, "cannot_read_message_length"),
    /** Legacy read error. */
    CANNOT_READ_MESSAGE_PAYLOAD(4021, "cannot_read_message_payload"),
    /** A message payload exceeds 64,000,000 bytes. */
    TOO_BIG_MESSAGE_PAYLOAD(4022, "too_big_message_payload"),
    /** Too many messages (client-side limit). */
    TOO_MANY_MESSAGES(4023, "too_many_messages"),
    /** Empty payload (SDK-side check; the 0.8 TCP server does not reject it). */
    EMPTY_MESSAGE_PAYLOAD(4024, "empty_message_payload"),
    /** Message payload length inconsistent with the bytes available. */
    INVALID_MESSAGE_PAYLOAD_LENGTH(4025, "invalid_message_payload_length"),
    /** Legacy read error. */
    CANNOT_READ_MESSAGE_CHECKSUM(4026, "cannot_read_message_checksum"),
    /** Stored message checksum mismatch. */
    INVALID_MESSAGE_CHECKSUM(4027, "invalid_message_checksum"),
    /** Invalid key/value length. */
    INVALID_KEY_VALUE_LENGTH(4028, "invalid_key_value_length"),
    /** Command length error. */
    COMMAND_LENGTH_ERROR(4029, "command_length_error"),
    /** Invalid segments count. */
    INVALID_SEGMENTS_COUNT(4030, "invalid_segments_count"),
    /** send_messages index entry has a non-zero offset field (bytes 0..4 must be 0). */
    NON_ZERO_OFFSET(4031, "non_zero_offset"),
    /** send_messages index entry has a non-zero timestamp field (bytes 8..16 must be 0). */
    NON_ZERO_TIMESTAMP(4032, "non_zero_timestamp"),
    /** send_messages: an index entry is missing or a message slice derived from the index positions cannot hold its declared header+payload+headers. */
    MISSING_INDEX(4033, "missing_index"),
    /** send_messages: index table size not a multiple of 16. */
    INVALID_INDEXES_BYTE_SIZE(4034, "invalid_indexes_byte_size"),
    /** send_messages: index count differs from message count. */
    INVALID_INDEXES_COUNT(4035, "invalid_indexes_count"),
    /** send_messages: sum of declared message sizes differs from the message bytes received. */
    INVALID_MESSAGES_SIZE(4036, "invalid_messages_size"),
    /** A message smaller than the 64-byte header. */
    TOO_SMALL_MESSAGE(4037, "too_small_message"),
    /** Timestamp delta too large within a batch. */
    INVALID_MESSAGE_TIMESTAMP_DELTA(4038, "invalid_message_timestamp_delta"),
    /** Batch checksum mismatch. */
    INVALID_BATCH_CHECKSUM(4039, "invalid_batch_checksum"),
    /** Unknown user-header kind code. */
    INVALID_HEADER_KIND(4040, "invalid_header_kind"),
    /** Client-side producer error. */
    CANNOT_SEND_MESSAGES_DUE_TO_CLIENT_DISCONNECTION(4050, "cannot_send_messages_due_to_client_disconnection"),
    /** Client-side producer error. */
    BACKGROUND_SEND_ERROR(4051, "background_send_error"),
    /** Client-side producer error. */
    BACKGROUND_SEND_TIMEOUT(4052, "background_send_timeout"),
    /** Client-side producer error. */
    BACKGROUND_SEND_BUFFER_FULL(4053, "background_send_buffer_full"),
    /** Client-side producer error. */
    BACKGROUND_WORKER_DISCONNECTED(4054, "background_worker_disconnected"),
    /** Client-side producer error. */
    BACKGROUND_SEND_BUFFER_OVERFLOW(4055, "background_send_buffer_overflow"),
    /** Client-side producer error. */
    PRODUCER_SEND_FAILED(4056, "producer_send_failed"),
    /** Client-side producer error. */
    PRODUCER_CLOSED(4057, "producer_closed"),
    /** send_messages: message header offsets decrease inside a batch; store_consumer_offset: offset greater than the partition's current offset, or partition has never held a message. */
    INVALID_OFFSET(4100, "invalid_offset"),
    /** Message header reserved field non-zero (checked when a header is parsed from raw bytes; not checked on the 0.8 TCP send path). */
    INVALID_RESERVED_FIELD(4101, "invalid_reserved_field"),
    /** Consumer group not found (numeric id or name), in group commands and group-based poll/offset commands. */
    CONSUMER_GROUP_ID_NOT_FOUND(5000, "consumer_group_id_not_found"),
    /** Invalid consumer group id. */
    INVALID_CONSUMER_GROUP_ID(5002, "invalid_consumer_group_id"),
    /** Consumer group name not found (HTTP path; TCP uses 5000). */
    CONSUMER_GROUP_NAME_NOT_FOUND(5003, "consumer_group_name_not_found"),
    /** create_consumer_group with a name already used in the topic. */
    CONSUMER_GROUP_NAME_ALREADY_EXISTS(5004, "consumer_group_name_already_exists"),
    /** Invalid consumer group name (HTTP path only in 0.8). */
    INVALID_CONSUMER_GROUP_NAME(5005, "invalid_consumer_group_name"),
    /** Client is not a member of the group (poll/store offset via group, leave_consumer_group when not joined). */
    CONSUMER_GROUP_MEMBER_NOT_FOUND(5006, "consumer_group_member_not_found"),
    /** Storage: consumer group info creation failed. */
    CANNOT_CREATE_CONSUMER_GROUP_INFO(5007, "cannot_create_consumer_group_info"),
    /** Storage: consumer group info deletion failed. */
    CANNOT_DELETE_CONSUMER_GROUP_INFO(5008, "cannot_delete_consumer_group_info"),
    /** Legacy batch format error. */
    MISSING_BASE_OFFSET_RETAINED_MESSAGE_BATCH(6000, "missing_base_offset_retained_message_batch"),
    /** Legacy batch format error. */
    MISSING_LAST_OFFSET_DELTA_RETAINED_MESSAGE_BATCH(6001, "missing_last_offset_delta_retained_message_batch"),
    /** Legacy batch format error. */
    MISSING_MAX_TIMESTAMP_RETAINED_MESSAGE_BATCH(6002, "missing_max_timestamp_retained_message_batch"),
    /** Legacy batch format error. */
    MISSING_LENGTH_RETAINED_MESSAGE_BATCH(6003, "missing_length_retained_message_batch"),
    /** Legacy batch format error. */
    MISSING_PAYLOAD_RETAINED_MESSAGE_BATCH(6004, "missing_payload_retained_message_batch"),
    /** Legacy batch read error. */
    CANNOT_READ_BATCH_BASE_OFFSET(7000, "cannot_read_batch_base_offset"),
    /** Legacy batch read error. */
    CANNOT_READ_BATCH_LENGTH(7001, "cannot_read_batch_length"),
    /** Legacy batch read error. */
    CANNOT_READ_LAST_OFFSET_DELTA(7002, "cannot_read_last_offset_delta"),
    /** Legacy batch read error. */
    CANNOT_READ_MAX_TIMESTAMP(7003, "cannot_read_max_timestamp"),
    /** Legacy batch read error. */
    CANNOT_READ_BATCH_PAYLOAD(7004, "cannot_read_batch_payload"),
    /** Client-side: connection string invalid. */
    INVALID_CONNECTION_STRING(8000, "invalid_connection_string"),
    /** get_snapshot: archive could not be completed. */
    SNAPSHOT_FILE_COMPLETION_FAILED(9000, "snapshot_file_completion_failed"),
    /** Internal serialization failure. */
    CANNOT_SERIALIZE_RESOURCE(10000, "cannot_serialize_resource"),
    /** Internal deserialization failure. */
    CANNOT_DESERIALIZE_RESOURCE(10001, "cannot_deserialize_resource"),
    /** File read failed. */
    CANNOT_READ_FILE(10002, "cannot_read_file"),
    /** File metadata read failed. */
    CANNOT_READ_FILE_METADATA(10003, "cannot_read_file_metadata"),
    /** File seek failed. */
    CANNOT_SEEK_FILE(10004, "cannot_seek_file"),
    /** File append failed. */
    CANNOT_APPEND_TO_FILE(10005, "cannot_append_to_file"),
    /** File write failed. */
    CANNOT_WRITE_TO_FILE(10006, "cannot_write_to_file"),
    /** File overwrite failed. */
    CANNOT_OVERWRITE_FILE(10007, "cannot_overwrite_file"),
    /** File delete failed. */
    CANNOT_DELETE_FILE(10008, "cannot_delete_file"),
    /** File fsync failed. */
    CANNOT_SYNC_FILE(10009, "cannot_sync_file"),
    /** Index offset read failed. */
    CANNOT_READ_INDEX_OFFSET(10010, "cannot_read_index_offset"),
    /** Index position read failed; also send_messages index positions not non-decreasing. */
    CANNOT_READ_INDEX_POSITION(10011, "cannot_read_index_position"),
    /** Index timestamp read failed. */
    CANNOT_READ_INDEX_TIMESTAMP(10012, "cannot_read_index_timestamp"),
    /** Timestamp out of range. */
    TIMESTAMP_OUT_OF_RANGE(10013, "timestamp_out_of_range"),
    /** Internal: no shard owns the partition. */
    SHARD_NOT_FOUND(11000, "shard_not_found"),
    /** Internal: inter-shard communication failed. */
    SHARD_COMMUNICATION_ERROR(11001, "shard_communication_error"),
    /** Server could not bind its listener. */
    CANNOT_BIND_TO_SOCKET(12000, "cannot_bind_to_socket"),
    /** Internal task timed out (e.g. partition initialisation on a shard took too long). */
    TASK_TIMEOUT(12001, "task_timeout"),
    /** Generic I/O error. */
    IO_ERROR(13000, "io_error");

    private static final ErrorCode[] BY_SMALL_CODE = new ErrorCode[128];

    static {
        for (ErrorCode c : values()) {
            if (c.code < BY_SMALL_CODE.length) {
                BY_SMALL_CODE[c.code] = c;
            }
        }
    }

    private final int code;
    private final String label;

    ErrorCode(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /**
     * @return the number sent as the response {@code status}
     */
    public int code() {
        return code;
    }

    /**
     * @return the snake_case identifier of the error, e.g. {@code stream_id_not_found}
     */
    public String label() {
        return label;
    }

    /**
     * Finds the constant for a wire status.
     *
     * @param code a response status
     * @return its constant, or {@link #ERROR} for a code Iggy 0.8 does not define (as the Rust SDK does)
     */
    public static ErrorCode forCode(int code) {
        if (code >= 0 && code < BY_SMALL_CODE.length) {
            ErrorCode c = BY_SMALL_CODE[code];
            return c == null ? ERROR : c;
        }
        // the large codes are rare on any hot path, so a linear scan beats keeping a map
        for (ErrorCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return ERROR;
    }
}

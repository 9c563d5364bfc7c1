package org.iggyj.spi;

/**
 * Request size limits, enforced by transports while framing so that an oversized request is
 * discarded (never buffered whole) and answered with error 3, {@code InvalidCommand}, while the
 * connection stays usable.
 *
 * @param maxControlPayloadBytes largest payload of any command but send_messages (Iggy 0.8: 10 MiB)
 * @param maxSendPayloadBytes    largest send_messages payload, from {@code [system] max_send_payload_size}
 */
public record FrameLimits(long maxControlPayloadBytes, long maxSendPayloadBytes) {
}

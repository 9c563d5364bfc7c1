package org.iggyj.kernel.config;

import java.time.Duration;

/**
 * {@code [heartbeat]}: dropping clients that stop pinging.
 *
 * @param enabled  whether silent clients are removed
 * @param interval expected ping period; a client is removed after 1.2 × this without one
 */
public record HeartbeatConfig(boolean enabled, Duration interval) {
}

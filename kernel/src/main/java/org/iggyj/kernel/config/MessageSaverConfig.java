package org.iggyj.kernel.config;

import java.time.Duration;

/**
 * {@code [message_saver]}: the periodic journal flush. Its {@code enforce_fsync} key has no effect
 * (as in Iggy 0.8) and is therefore not carried here.
 *
 * @param enabled  whether journals are flushed periodically
 * @param interval flush period (non-zero when enabled)
 */
public record MessageSaverConfig(boolean enabled, Duration interval) {
}

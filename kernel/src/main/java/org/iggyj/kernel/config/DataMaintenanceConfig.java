package org.iggyj.kernel.config;

import java.time.Duration;

/**
 * {@code [data_maintenance.messages]}: retention by message expiry and topic size.
 *
 * @param cleanerEnabled whether retention runs at all (off by default: nothing is deleted)
 * @param interval       retention period (non-zero when enabled)
 */
public record DataMaintenanceConfig(boolean cleanerEnabled, Duration interval) {
}

package org.iggyj.kernel.config;

import java.time.Duration;

/**
 * {@code [system.storage]}: the free space the data directory must keep (iggyj-only keys).
 *
 * @param minFreeSpaceBytes sends are refused while the file system has less free space than this
 *                          ({@code min_free_space}; 0 = only when it is full)
 * @param checkInterval     how often free space is measured ({@code free_space_check_interval}, non-zero)
 */
public record FreeSpaceConfig(long minFreeSpaceBytes, Duration checkInterval) {
}

package org.iggyj.kernel.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code [system.logging]}.
 *
 * @param path                  log directory, {@code <system.path>/<logging.path>}
 * @param level                 filter level
 * @param fileEnabled           also write log files
 * @param maxFileSizeBytes      rotate past this size (0 = never)
 * @param maxTotalSizeBytes     cap on all log files (0 = none)
 * @param rotationCheckInterval how often rotation is checked
 * @param retention             delete log files older than this
 * @param sysinfoPrintInterval  period of the host summary line (zero = off)
 */
public record LoggingConfig(
    Path path,
    String level,
    boolean fileEnabled,
    long maxFileSizeBytes,
    long maxTotalSizeBytes,
    Duration rotationCheckInterval,
    Duration retention,
    Duration sysinfoPrintInterval) {
}

package org.iggyj.kernel.config;

import java.time.Duration;

/**
 * {@code [personal_access_token]}.
 *
 * @param maxTokensPerUser most tokens one user may hold (&gt; 0)
 * @param cleanerEnabled   whether expired tokens are removed periodically
 * @param cleanerInterval  period of that removal (non-zero when enabled)
 */
public record PatConfig(int maxTokensPerUser, boolean cleanerEnabled, Duration cleanerInterval) {
}

package org.iggyj.kernel.config;

import java.time.Duration;

/**
 * {@code [consumer_group]}: pending partition revocations during a rebalance.
 *
 * @param rebalancingTimeout       force-complete a pending revocation after this
 * @param rebalancingCheckInterval how often pending revocations are checked
 */
public record ConsumerGroupConfig(Duration rebalancingTimeout, Duration rebalancingCheckInterval) {
}

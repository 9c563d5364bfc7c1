package org.iggyj.kernel.partition;

import java.time.Instant;

/**
 * Wall-clock time in microseconds since the UNIX epoch, the unit of every Iggy timestamp.
 * Injected so tests can control time.
 */
@FunctionalInterface
public interface MicrosClock {

    /** The system clock. */
    MicrosClock SYSTEM = () -> {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    };

    /**
     * @return now, in microseconds since the epoch
     */
    long nowUs();
}

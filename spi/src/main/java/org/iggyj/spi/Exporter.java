package org.iggyj.spi;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;

/**
 * A running metrics exporter. {@link #close()} is idempotent.
 */
public interface Exporter extends AutoCloseable {

    /**
     * @return the registry the kernel adds to its composite registry
     */
    MeterRegistry registry();

    /**
     * @return text another plugin may serve (the Prometheus exposition), if this exporter has one
     */
    default Optional<ScrapeSource> scrapeSource() {
        return Optional.empty();
    }

    @Override
    void close();
}

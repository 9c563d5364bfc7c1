package org.iggyj.spi;

/**
 * Something an HTTP-serving transport may expose as a plain-text endpoint, such as the Prometheus
 * exposition a metrics exporter publishes. Transports call {@link #scrape()} from their own threads;
 * implementations must be thread-safe.
 */
public interface ScrapeSource {

    /**
     * @return the path to serve it at, e.g. {@code /metrics}
     */
    String path();

    /**
     * @return the HTTP content type of {@link #scrape()}'s text
     */
    String contentType();

    /**
     * @return the current text
     */
    String scrape();
}

/**
 * The {@code metrics} plugin: a Prometheus exporter for the kernel's meters. Its scrape text is
 * served by the HTTP transport at {@code /metrics}, or by its own small listener on
 * {@code [metrics] address} when no HTTP transport runs.
 */
package org.iggyj.metrics;

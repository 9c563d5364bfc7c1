/**
 * The kernel's Micrometer meters: names ({@link org.iggyj.kernel.metrics.MeterNames}), gauges over the
 * metadata snapshot and the session registry, and the JVM and process binders. Meters are registered
 * once, at startup, into the kernel's composite registry; recording is thread-safe.
 */
package org.iggyj.kernel.metrics;

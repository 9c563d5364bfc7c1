/**
 * Test doubles for the plugin contract, published as the {@code spi} test-jar so that each plugin
 * is tested without the kernel: a {@link org.iggyj.spi.test.FakeTransportContext} with NIO event
 * loops and a map-backed config, a {@link org.iggyj.spi.test.RecordingDispatcher} that records
 * every call and answers from a script, {@link org.iggyj.spi.test.FakeSessions}, and a strict reader of the
 * Prometheus text exporters serve ({@link org.iggyj.spi.test.PrometheusText}, for the metrics plugin's and
 * the kernel's tests).
 *
 * <p>Every class here is safe to call from the transport's event loops and the test thread at once.
 */
package org.iggyj.spi.test;

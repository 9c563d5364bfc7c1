/**
 * The Kafka wire protocol as an iggyj transport: Kafka clients (producers, consumers, the admin
 * client) talk to the kernel through it, with every request and response read and written by the
 * Kafka project's own message classes from {@code kafka-clients}.
 *
 * <p>Threads: each connection's requests run one after another on its Netty event loop
 * ({@link org.iggyj.transport.kafka.KafkaConnectionHandler}); kernel replies are handed back to that
 * loop before any Kafka encoding happens. The group coordinator and the producer state are shared by
 * all connections and guard their own state.
 */
package org.iggyj.transport.kafka;

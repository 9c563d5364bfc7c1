/**
 * A lean Iggy 0.8 TCP client for tools and benchmarks, built on {@code protocol} and Netty.
 *
 * <p>{@link org.iggyj.client.IggyConnection} is one TCP connection with blocking calls; requests are
 * answered in order, so several may be in flight (a FIFO of pending replies), though the benchmark keeps
 * one. Sends take a batch the caller encoded once with {@link org.iggyj.client.BatchWriter} into a pooled
 * direct buffer; polls return a {@link org.iggyj.client.PolledBatch} summary and never build message
 * objects. Server errors surface as {@link org.iggyj.client.IggyClientException} with the Iggy status.
 */
package org.iggyj.client;

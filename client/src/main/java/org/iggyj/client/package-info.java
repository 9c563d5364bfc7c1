/**
 * A lean Iggy 0.8 TCP client for tools and benchmarks, built on {@code protocol} and Netty.
 *
 * <p>{@link org.iggyj.client.IggyConnection} is one TCP connection with blocking calls; requests are
 * answered in order, so several may be in flight (a FIFO of pending replies), though the benchmark keeps
 * one. Sends take a batch the caller encoded once with {@link org.iggyj.client.BatchWriter} into a pooled
 * direct buffer; polls return a {@link org.iggyj.client.PolledBatch} summary and never build message
 * objects. Server errors surface as {@link org.iggyj.client.IggyClientException} with the Iggy status.
 *
 * <p>{@link org.iggyj.client.FailoverConnection} wraps one such connection to one node of a list
 * ({@link org.iggyj.client.NodeAddress}) and moves to another node when its node fails, logging in
 * again; a state-changing request cut off by the failure is reported as
 * {@link org.iggyj.client.InDoubtException}, never resent. Used by the CLI and iggy-bench; one thread at a
 * time.
 */
package org.iggyj.client;

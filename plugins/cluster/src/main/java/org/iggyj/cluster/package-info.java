/**
 * The replicated cluster on Apache Ratis: a {@link org.iggyj.spi.cluster.ReplicationProvider} with
 * one Raft group over every configured node. See {@code docs/cluster.md}.
 */
package org.iggyj.cluster;

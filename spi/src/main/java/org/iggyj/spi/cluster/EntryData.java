package org.iggyj.spi.cluster;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * Optional part of a {@link ReplicatedStateMachine}: entries whose bulk bytes (a send's messages) the
 * state machine stores itself, so the engine logs only the entry's header (docs/cluster.md, "Message
 * bytes and the Raft log"). An engine that supports it (see {@link Replicator#keepsEntryDataOutOfLog})
 * splits each submitted entry at {@link #headerLength}, logs the header and hands the data to
 * {@link #write}; {@link ReplicatedStateMachine#apply} then receives the header only, and applying it
 * publishes what {@code write} stored.
 *
 * <p>Threads and order, as the engine guarantees them (Ratis: its log's write lock, its log worker and
 * its apply thread):
 * <ul>
 *   <li>{@link #sequence}: on the leader, for every entry it logs, in log order, just before the
 *       entry gets its index; nothing else of the log happens meanwhile.</li>
 *   <li>{@link #write} and {@link #truncate}: on every member, in log order, for every entry with data
 *       appended to (or dropped from) its log; an entry is written before it is applied.</li>
 *   <li>{@link #flush}: before the engine makes the log durable up to an index; the headers up to it
 *       are durable only once its future completes, so it must make every {@code write} so far
 *       durable too, whatever the kernel's own fsync policy says.</li>
 *   <li>{@link #read}: on the leader, any thread, for an entry it must send to a member and no longer
 *       holds with its data.</li>
 * </ul>
 * After a restart the engine applies the entries after the latest snapshot again without calling
 * {@code write}: their data must be found where {@code write} put it before the restart.
 */
public interface EntryData {

    /**
     * @param entry an entry as {@link Replicator#submit} received it (position to limit; not moved)
     * @return how many leading bytes form the header that goes into the log; the rest is data. -1 when
     *         the whole entry goes into the log (no data), as for every metadata command
     */
    int headerLength(ByteBuffer entry);

    /**
     * On the leader, fixes in the header what depends on the log's order (a send's offsets).
     *
     * @param term   the leader's term
     * @param index  the index the entry gets
     * @param header the entry's header (the whole entry when it has no data); writable for an entry
     *               with data, and rewritten in place
     * @throws IllegalStateException when the entry cannot be ordered yet (an earlier entry it depends
     *                               on is not applied on the leader): the engine refuses it unlogged
     *                               and the submitter may try again
     * @throws RuntimeException      when it can never be (its target is gone); refused unlogged
     */
    void sequence(long term, long index, ByteBuffer header);

    /**
     * @param index  the entry's index
     * @param header the entry's header (read-only)
     * @param data   its data (read-only; valid during the call only: copy what is kept)
     * @return completes when stored (not necessarily durable: {@link #flush})
     */
    CompletableFuture<Void> write(long index, ByteBuffer header, ByteBuffer data);

    /**
     * @param index the last index to make durable
     * @return completes when everything written so far is durable
     */
    CompletableFuture<Void> flush(long index);

    /**
     * The engine dropped every entry from {@code index} on (never a committed one): their stored data
     * goes.
     *
     * @param index the first dropped index
     */
    void truncate(long index);

    /**
     * @param index  the entry's index
     * @param header its header
     * @return the data {@link #write} stored for it, as a buffer the caller owns; fails when it is
     *         gone (the engine then sends a snapshot instead)
     */
    CompletableFuture<ByteBuffer> read(long index, ByteBuffer header);
}

package org.iggyj.spi.cluster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The kernel side of replication: applies committed entries.
 *
 * <p>Threading: {@link #apply}, {@link #snapshot} and {@link #restore} are called by one engine thread
 * at a time. The kernel starts from an empty state when clustering is on; the engine then either
 * replays its log from the beginning, or {@link #restore restores} its latest snapshot and replays
 * only the entries after it. Either way every committed entry is applied exactly once, in log order,
 * to the state it was committed against. {@code apply} may block while a metadata change completes
 * (so the next entry sees it); message appends are queued on their partition's shard and the
 * returned future completes when they are stored.
 *
 * <p>Snapshots (design note, see docs/cluster.md): a snapshot is a directory of files that holds
 * the whole state as of the last applied entry. The engine names and keeps it, sends its files to a
 * member that needs them, and lets it purge its log up to the snapshot's index.
 */
public interface ReplicatedStateMachine {

    /**
     * @param index the entry's log index (increasing)
     * @param entry the entry as {@link Replicator#submit} received it on the submitting node; read
     *              during the call only (the kernel copies what it keeps), never modified
     * @return completes when the entry is applied on this node; never completes exceptionally (a
     *         command that fails, e.g. a name already taken, fails identically on every node and is
     *         reported to its client by the submitting node)
     */
    CompletableFuture<Void> apply(long index, ByteBuffer entry);

    /**
     * Writes the state as of the last applied entry into {@code dir}. Called only when every entry
     * handed to {@link #apply} has completed, and no entry is applied until this returns.
     *
     * @param dir an empty directory on the same file system as the kernel's data (the kernel may
     *            hard-link its append-only files into it)
     * @return every file written, with the length that belongs to the snapshot
     * @throws IOException when the snapshot cannot be written; the engine then keeps its log
     */
    default List<SnapshotFile> snapshot(Path dir) throws IOException {
        throw new UnsupportedOperationException("this state machine takes no snapshots");
    }

    /**
     * Replaces the whole state with the snapshot in {@code dir} (taken by {@link #snapshot} on this
     * or another member). At start, before any entry is applied; or at run time, when the engine
     * installed a snapshot received from the leader. The next entry applied is the one after the
     * snapshot's. The directory's files may be shared with live data afterwards: they are only ever
     * appended to, never rewritten.
     *
     * @param dir a directory holding every file of the snapshot
     * @throws IOException when the snapshot cannot be read or installed; the member must not go on
     */
    default void restore(Path dir) throws IOException {
        throw new UnsupportedOperationException("this state machine takes no snapshots");
    }

    /**
     * @return how this state machine stores the bulk data of entries itself (docs/cluster.md, "Message
     *         bytes and the Raft log"), or null when every entry goes into the engine's log whole
     */
    default EntryData entryData() {
        return null;
    }
}

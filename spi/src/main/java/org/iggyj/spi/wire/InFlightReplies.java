package org.iggyj.spi.wire;

import org.iggyj.spi.Reply;

/**
 * The requests of one connection that are with the dispatcher or whose replies are being written, oldest
 * first, in a fixed ring: a slot is taken at dispatch, filled when its reply completes (in any order),
 * handed to the channel once every earlier reply has been, and freed when the channel has written it.
 * Slots are reused, so a connection allocates nothing here per request.
 *
 * <p>Confined to the connection's event loop.
 */
final class InFlightReplies {

    private final Reply[] replies;
    private final boolean[] completed;
    private int head;
    private int size;
    private int handedOut;

    /** @param capacity how many requests may be in flight at once */
    InFlightReplies(int capacity) {
        this.replies = new Reply[capacity];
        this.completed = new boolean[capacity];
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean isFull() {
        return size == replies.length;
    }

    /** @return the slot of a newly dispatched request; the caller checked {@link #isFull()} */
    int add() {
        if (isFull()) {
            throw new IllegalStateException("no free slot");
        }
        int slot = index(size);
        completed[slot] = false;
        replies[slot] = null;
        size++;
        return slot;
    }

    /** Records the reply of the request in {@code slot}. */
    void complete(int slot, Reply reply) {
        replies[slot] = reply;
        completed[slot] = true;
    }

    /**
     * @return the oldest reply not handed out yet, once it is complete and every earlier one has been
     *         handed out; null otherwise. The caller owns it from now on.
     */
    Reply takeNextToWrite() {
        if (handedOut == size) {
            return null;
        }
        int slot = index(handedOut);
        if (!completed[slot]) {
            return null;
        }
        Reply reply = replies[slot];
        replies[slot] = null;
        handedOut++;
        return reply;
    }

    /** Frees the oldest slot, whose reply the channel has written (writes complete in order). */
    void removeWritten() {
        if (handedOut == 0) {
            return;
        }
        head = index(1);
        size--;
        handedOut--;
    }

    /** Releases the replies completed but not handed out (the connection closed before their turn). */
    void releaseUnwritten() {
        for (int i = handedOut; i < size; i++) {
            int slot = index(i);
            Reply reply = replies[slot];
            if (reply != null) {
                replies[slot] = null;
                reply.release();
            }
        }
    }

    private int index(int offset) {
        return (head + offset) % replies.length;
    }
}

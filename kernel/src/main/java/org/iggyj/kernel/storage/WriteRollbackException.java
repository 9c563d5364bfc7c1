package org.iggyj.kernel.storage;

import java.io.IOException;

/**
 * A write failed and truncating its partial bytes failed too: the tail of the segment's files is
 * unknown, so the partition must take no more appends until recovery (a restart) re-validates it.
 */
public final class WriteRollbackException extends IOException {

    private static final long serialVersionUID = 1L;

    WriteRollbackException(String message, IOException cause) {
        super(message, cause);
    }
}

package org.iggyj.kernel.storage;

import java.io.IOException;

/**
 * An append or fsync was refused because the log turned read-only after an earlier storage failure
 * ({@link PartitionLog#isReadOnly()}); nothing was written.
 */
public final class ReadOnlyLogException extends IOException {

    private static final long serialVersionUID = 1L;

    ReadOnlyLogException(String message) {
        super(message);
    }
}

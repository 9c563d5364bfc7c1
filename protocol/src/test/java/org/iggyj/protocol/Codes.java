package org.iggyj.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;

/** Test helper: asserts the wire code an action fails with. */
public final class Codes {

    private Codes() {
    }

    /** Runs {@code action} and asserts it throws an {@link IggyException} with {@code expected}. */
    public static void assertFailsWith(ErrorCode expected, Executable action) {
        IggyException e = assertThrows(IggyException.class, action);
        assertEquals(expected, e.errorCode(), e.getMessage());
    }
}

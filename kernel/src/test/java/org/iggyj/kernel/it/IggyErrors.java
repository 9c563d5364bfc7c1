package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Optional;
import org.apache.iggy.exception.IggyServerException;
import org.junit.jupiter.api.function.Executable;

/**
 * Asserts that an SDK call fails with a given Iggy error code.
 */
public final class IggyErrors {

    private IggyErrors() {
    }

    /**
     * @param expectedCode the Iggy error code the server must answer
     * @param call         the SDK call
     */
    public static void assertIggyError(int expectedCode, Executable call) {
        try {
            call.execute();
        } catch (Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof IggyServerException e) {
                    assertEquals(expectedCode, e.getRawErrorCode(), "Iggy error code, message: " + e.getMessage());
                    return;
                }
            }
            fail("expected Iggy error " + expectedCode + " but got " + t, t);
        }
        fail("expected Iggy error " + expectedCode + " but the call succeeded");
    }

    /**
     * The HTTP form of {@link #assertIggyError}: the SDK's HTTP client keeps the JSON body's numeric
     * {@code id} as the error id (its raw code comes from the {@code code} name, which it only knows
     * for some errors).
     *
     * @param expectedId the Iggy error code the JSON error body must carry
     * @param call       the SDK call
     */
    public static void assertHttpError(int expectedId, Executable call) {
        try {
            call.execute();
        } catch (Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof IggyServerException e) {
                    assertEquals(Optional.of(Integer.toString(expectedId)), e.getErrorId(),
                            "Iggy error id, message: " + e.getMessage());
                    return;
                }
            }
            fail("expected Iggy error " + expectedId + " but got " + t, t);
        }
        fail("expected Iggy error " + expectedId + " but the call succeeded");
    }
}

package org.iggyj.protocol.request;

import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;

/** User status codes. */
public final class UserStatus {

    /** May log in. */
    public static final int ACTIVE = 1;
    /** May not log in (47). */
    public static final int INACTIVE = 2;

    private UserStatus() {
    }

    /**
     * @return the code, when valid
     * @throws IggyException {@link ErrorCode#INVALID_COMMAND} for anything but 1 or 2, as 0.8 decodes it
     */
    public static int check(int code) {
        if (code != ACTIVE && code != INACTIVE) {
            throw new IggyException(ErrorCode.INVALID_COMMAND, "unknown user status " + code);
        }
        return code;
    }
}

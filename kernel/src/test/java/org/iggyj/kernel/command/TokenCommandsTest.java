package org.iggyj.kernel.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.iggyj.kernel.metadata.TokenRecord;
import org.junit.jupiter.api.Test;

class TokenCommandsTest {

    private static final long NOW = 1_700_000_000_000_000L;

    @Test
    void shouldTurnALifetimeIntoAnAbsoluteExpiry() {
        assertEquals(NOW + 5, TokenCommands.expiryAt(NOW, 5));
        assertEquals(TokenRecord.NEVER, TokenCommands.expiryAt(NOW, 0));
        assertEquals(TokenRecord.NEVER, TokenCommands.expiryAt(NOW, -1L));
        // past i64 but within u64: still a real expiry
        assertEquals(NOW + Long.MAX_VALUE, TokenCommands.expiryAt(NOW, Long.MAX_VALUE));
        // beyond u64: never
        assertEquals(TokenRecord.NEVER, TokenCommands.expiryAt(NOW, -2L));
    }
}

package org.iggyj.kernel.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.iggyj.protocol.TransportKind;
import org.junit.jupiter.api.Test;

/** {@link SessionRegistry#loginVerified}: a listed session becomes that user's, as after a login command. */
class SessionRegistryLoginVerifiedTest {

    @Test
    void shouldLogAListedSessionInAsTheVerifiedUser() {
        SessionRegistry registry = new SessionRegistry();
        ClientSession session = (ClientSession) registry.openWithAppendOffsets(TransportKind.TCP,
                new InetSocketAddress("127.0.0.1", 40000));
        assertFalse(session.isAuthenticated());

        registry.loginVerified(session, 7);

        assertTrue(session.isAuthenticated());
        assertEquals(7, session.userId());
        assertTrue(session.receivesAppendOffsets(), "the session keeps what it was opened with");
        session.logout();
        assertFalse(session.isAuthenticated());
    }
}

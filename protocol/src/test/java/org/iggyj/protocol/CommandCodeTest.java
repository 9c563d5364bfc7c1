package org.iggyj.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandCodeTest {

    @Test
    void shouldKnowExactlyTheFortySevenCommands() throws IllegalAccessException {
        Set<Integer> codes = new HashSet<>();
        for (Field f : CommandCode.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                assertTrue(codes.add(f.getInt(null)), f.getName());
            }
        }
        assertEquals(47, codes.size());
        int known = 0;
        for (int c = 0; c < 1000; c++) {
            if (CommandCode.isKnown(c)) {
                known++;
                assertTrue(codes.contains(c));
            }
        }
        assertEquals(47, known);
    }

    @Test
    void shouldNameDispatchEntries() {
        assertEquals("ping", CommandCode.name(CommandCode.PING));
        assertEquals("stream.create", CommandCode.name(202));
        assertEquals("message.send", CommandCode.name(101));
        assertEquals("consumer_group.leave", CommandCode.name(605));
        assertNull(CommandCode.name(40));
        assertFalse(CommandCode.isKnown(400));
        assertFalse(CommandCode.isKnown(500));
    }

    @Test
    void shouldRequireAuthForAllButPingAndLogins() {
        assertFalse(CommandCode.requiresAuth(CommandCode.PING));
        assertFalse(CommandCode.requiresAuth(CommandCode.LOGIN_USER));
        assertFalse(CommandCode.requiresAuth(CommandCode.LOGIN_WITH_PERSONAL_ACCESS_TOKEN));
        assertTrue(CommandCode.requiresAuth(CommandCode.GET_STATS));
        assertTrue(CommandCode.requiresAuth(CommandCode.SEND_MESSAGES));
        assertTrue(CommandCode.requiresAuth(CommandCode.LOGOUT_USER));
    }
}

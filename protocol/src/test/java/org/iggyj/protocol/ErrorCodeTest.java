package org.iggyj.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void shouldDefineEveryCodeOfTheTableOnce() {
        assertEquals(223, ErrorCode.values().length);
        Set<Integer> codes = new HashSet<>();
        Set<String> labels = new HashSet<>();
        for (ErrorCode c : ErrorCode.values()) {
            assertTrue(codes.add(c.code()), "duplicate code " + c.code());
            assertTrue(labels.add(c.label()), "duplicate label " + c.label());
            assertEquals(c.name().toLowerCase(), c.label());
            assertSame(c, ErrorCode.forCode(c.code()));
        }
    }

    @Test
    void shouldCarryIggyNumbers() {
        assertEquals(1, ErrorCode.ERROR.code());
        assertEquals(3, ErrorCode.INVALID_COMMAND.code());
        assertEquals(4, ErrorCode.INVALID_FORMAT.code());
        assertEquals(5, ErrorCode.FEATURE_UNAVAILABLE.code());
        assertEquals(6, ErrorCode.INVALID_IDENTIFIER.code());
        assertEquals(20, ErrorCode.RESOURCE_NOT_FOUND.code());
        assertEquals(40, ErrorCode.UNAUTHENTICATED.code());
        assertEquals(42, ErrorCode.INVALID_CREDENTIALS.code());
        assertEquals(1009, ErrorCode.STREAM_ID_NOT_FOUND.code());
        assertEquals(2010, ErrorCode.TOPIC_ID_NOT_FOUND.code());
        assertEquals(3007, ErrorCode.PARTITION_NOT_FOUND.code());
        assertEquals(5000, ErrorCode.CONSUMER_GROUP_ID_NOT_FOUND.code());
        assertEquals(10011, ErrorCode.CANNOT_READ_INDEX_POSITION.code());
        assertEquals(13000, ErrorCode.IO_ERROR.code());
        assertEquals("stream_id_not_found", ErrorCode.STREAM_ID_NOT_FOUND.label());
    }

    @Test
    void shouldMapUnknownCodesToError() {
        assertSame(ErrorCode.ERROR, ErrorCode.forCode(17));
        assertSame(ErrorCode.ERROR, ErrorCode.forCode(2012));
        assertSame(ErrorCode.ERROR, ErrorCode.forCode(-1));
        assertSame(ErrorCode.ERROR, ErrorCode.forCode(Integer.MAX_VALUE));
    }

    @Test
    void shouldExposeCodeOnException() {
        IggyException e = IggyException.of(ErrorCode.UNAUTHORIZED, "no");
        assertSame(ErrorCode.UNAUTHORIZED, e.errorCode());
        assertEquals(0, e.getStackTrace().length);
    }
}

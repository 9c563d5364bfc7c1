package org.iggyj.kernel.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ByteSizeTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "512, 512",
        "512 B, 512",
        "512B, 512",
        "7 b, 7",
        "100 KB, 100000",
        "100KB, 100000",
        "8 KB, 8000",
        "2 MB, 2000000",
        "500 MB, 500000000",
        "4 GB, 4000000000",
        "1 TB, 1000000000000",
        "1 KiB, 1024",
        "64 KiB, 65536",
        "1 MiB, 1048576",
        "100 MiB, 104857600",
        "1 GiB, 1073741824",
        "4 GiB, 4294967296",
        "1 TiB, 1099511627776",
        "1 kib, 1024",
        "1 gib, 1073741824",
        "1.5 KiB, 1536",
        "'  16 KB  ', 16000",
        "unlimited, 0",
        "none, 0",
        "NONE, 0",
    })
    void shouldParseSizesWithDecimalAndBinaryUnits(String text, long expected) {
        assertEquals(expected, ByteSize.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "KB", "-1", "-5 KB", "1 XB", "1 KB 2 KB", "ten bytes", "1,5 KB", "1 Kibibyte",
        "1 s", "99999999999 TiB"})
    void shouldRejectNonSizes(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(text));
        assertTrue(error.getMessage().contains(text.trim()), error.getMessage());
    }

    @Test
    void shouldAcceptLongMaxButNotMore() {
        assertEquals(Long.MAX_VALUE, ByteSize.parse(Long.toString(Long.MAX_VALUE)));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("9223372036854775808"));
    }
}

package org.iggyj.kernel.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EnvOverridesTest {

    @Test
    void shouldParseEnvValuesByShape() {
        assertEquals(true, EnvOverrides.parse("true"));
        assertEquals(false, EnvOverrides.parse("FALSE"));
        assertEquals(42L, EnvOverrides.parse("42"));
        assertEquals(-3L, EnvOverrides.parse("-3"));
        assertEquals("1 GiB", EnvOverrides.parse("1 GiB"));
        assertEquals("30 s", EnvOverrides.parse("30 s"));
        assertEquals("99999999999999999999", EnvOverrides.parse("99999999999999999999"));
        assertEquals(List.of("a", "b c", "d"), EnvOverrides.parse("[a, \"b c\", 'd']"));
        assertEquals(List.of(), EnvOverrides.parse("[]"));
    }
}

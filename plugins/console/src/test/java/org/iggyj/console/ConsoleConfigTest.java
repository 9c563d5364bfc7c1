package org.iggyj.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.iggyj.spi.test.ShippedSectionCheck;
import org.junit.jupiter.api.Test;

class ConsoleConfigTest {

    @Test
    void shouldDeclareExactlyTheKeysAndDefaultsOfTheShippedServerToml() throws IOException {
        ShippedSectionCheck.assertMatchesShippedConfig(ConsoleConfig.SCHEMA);
    }

    @Test
    void shouldDeclareItsSectionThroughTheRouteProvider() {
        assertEquals(List.of(ConsoleConfig.SCHEMA), new ConsoleRouteProvider().configSchemas());
    }
}

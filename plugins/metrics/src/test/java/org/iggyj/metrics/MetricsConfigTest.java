package org.iggyj.metrics;

import java.io.IOException;
import org.iggyj.spi.test.ShippedSectionCheck;
import org.junit.jupiter.api.Test;

class MetricsConfigTest {

    @Test
    void shouldDeclareExactlyTheKeysAndDefaultsOfTheShippedServerToml() throws IOException {
        ShippedSectionCheck.assertMatchesShippedConfig(MetricsConfig.SCHEMA);
    }
}

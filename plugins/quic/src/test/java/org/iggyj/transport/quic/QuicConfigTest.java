package org.iggyj.transport.quic;

import java.io.IOException;
import org.iggyj.spi.test.ShippedSectionCheck;
import org.junit.jupiter.api.Test;

class QuicConfigTest {

    @Test
    void shouldDeclareExactlyTheKeysAndDefaultsOfTheShippedServerToml() throws IOException {
        ShippedSectionCheck.assertMatchesShippedConfig(QuicConfig.SCHEMA);
    }
}

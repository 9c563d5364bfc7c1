package org.iggyj.transport.kafka;

import java.io.IOException;
import org.iggyj.spi.test.PluginPropertiesCheck;
import org.junit.jupiter.api.Test;

/**
 * plugin.properties (read in PF4J development mode) must say what the jar manifest says.
 */
class PluginPropertiesTest {

    @Test
    void shouldMatchTheManifestValuesOfThePom() throws IOException {
        PluginPropertiesCheck.assertMatchesPom(KafkaTransport.NAME, KafkaPlugin.class);
    }
}

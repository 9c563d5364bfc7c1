package org.iggyj.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.iggyj.spi.ConfigKey;
import org.iggyj.spi.test.ShippedSectionCheck;
import org.junit.jupiter.api.Test;

class HttpConfigTest {

    @Test
    void shouldDeclareExactlyTheKeysAndDefaultsOfTheShippedServerToml() throws IOException {
        ShippedSectionCheck.assertMatchesShippedConfig(HttpConfig.SCHEMA);
    }

    @Test
    void shouldMaskTheJwtSecrets() {
        List<String> secrets = HttpConfig.SCHEMA.keys().stream().filter(ConfigKey::isSecret).map(ConfigKey::name).toList();
        assertEquals(List.of("jwt.encoding_secret", "jwt.decoding_secret"), secrets);
    }

    @Test
    void shouldDeclareTheTrustedIssuersAsAnArrayOfTables() {
        assertEquals(ConfigKey.Type.TABLES, HttpConfig.TRUSTED_ISSUERS.type());
        assertTrue(HttpConfig.TRUSTED_ISSUERS.fields().stream()
                .anyMatch(field -> field.name().equals("user_id") && field.type() == ConfigKey.Type.INTEGER));
    }
}

package org.iggyj.kernel.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Permissions;
import org.iggyj.protocol.wire.StreamPermissions;
import org.iggyj.protocol.wire.TopicPermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserPersistenceTest {

    @TempDir
    Path dataDir;

    private MetadataRestarts restarts;

    @BeforeEach
    void prepare() {
        restarts = new MetadataRestarts(dataDir, 1, () -> 1L);
    }

    @AfterEach
    void closeShards() {
        restarts.close();
    }

    @Test
    void shouldKeepPermissionsAndTokenHashesAcrossRestart() throws IOException {
        Permissions permissions = new Permissions(false, true, false, true, false, false, false, false, true, false,
                new TreeMap<>(Map.of(3L, StreamPermissions.of(false, true, false, false, true, false)
                        .withTopics(Map.of(7L, new TopicPermissions(false, true, false, true))))));
        MetadataWriter writer = restarts.restart();
        writer.mutate(() -> {
            writer.putUser(new UserRecord(0, "iggy", "$root", UserRecord.ACTIVE, 5, Permissions.all()));
            writer.putUser(new UserRecord(1, "alice", "$alice", 2, 6, permissions,
                    List.of(new TokenRecord("ci", "ab12", 99), new TokenRecord("forever", "cd34", 0))));
            writer.putUser(new UserRecord(2, "bob", "$bob", UserRecord.ACTIVE, 7, null));
            writer.removeUser(2);
            return null;
        }).join();

        Metadata md = restarts.restart().current();

        UserRecord alice = md.user(Identifier.named("alice"));
        assertEquals(1, alice.id());
        assertEquals(2, alice.status());
        assertEquals("$alice", alice.passwordHash());
        assertEquals(permissions, alice.permissions());
        assertEquals(List.of(new TokenRecord("ci", "ab12", 99), new TokenRecord("forever", "cd34", 0)),
                alice.tokens());
        assertEquals(Permissions.all(), md.users().get(0L).permissions());
        assertNull(md.users().get(2L));
        String json = Files.readString(dataDir.resolve("state/metadata.json"));
        assertEquals(-1, json.indexOf("\"$bob\""));
    }

    @Test
    void shouldReadUsersWrittenBeforeTokensExisted() throws IOException {
        Files.createDirectories(dataDir.resolve("state"));
        Files.writeString(dataDir.resolve("state/metadata.json"), "{\"version\":1,\"streams\":[],\"users\":[{\"id\":0,"
                + "\"username\":\"iggy\",\"passwordHash\":\"$h\",\"status\":1,\"createdAtUs\":5,\"permissions\":null}]}");

        UserRecord root = restarts.restart().current().users().get(0L);

        assertEquals("iggy", root.username());
        assertEquals(List.of(), root.tokens());
        assertEquals(Permissions.all(), root.effectivePermissions());
    }
}

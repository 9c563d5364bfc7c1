package org.iggyj.kernel.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.iggyj.kernel.metadata.ConsumerGroupMeta;
import org.iggyj.kernel.metadata.ConsumerGroupWriter;
import org.iggyj.kernel.metadata.GroupMember;
import org.iggyj.kernel.metadata.MemberKey;
import org.iggyj.kernel.metadata.TopicSettings;
import org.iggyj.protocol.wire.Identifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Consumer group members are replicated state held in memory: a snapshot carries them (ids, keys,
 * join order) and restoring it puts exactly those back, unbound, then runs the restore hook (where
 * clustering binds its own members to their sessions).
 */
class SnapshotMembersTest extends SnapshotFixture {

    private static final Identifier STREAM = Identifier.numeric(0);
    private static final Identifier TOPIC = Identifier.numeric(0);
    private static final Identifier GROUP = Identifier.numeric(0);

    private ConsumerGroupWriter groups;

    @BeforeEach
    void openGroups() {
        groups = new ConsumerGroupWriter(writer);
    }

    @Test
    void shouldRestoreTheMemberListsTheSnapshotWasTakenAt() throws IOException {
        MemberKey a = new MemberKey("node1", 11, 1);
        MemberKey b = new MemberKey("node 2", 22, 7);
        MemberKey c = new MemberKey("node1", 11, 3);
        onWriter(() -> writer.createStream("orders"));
        onWriter(() -> writer.createTopic(STREAM, 4, new TopicSettings(1, 0, 0, 0, "events")));
        onWriter(() -> groups.create(STREAM, TOPIC, "readers"));
        onWriter(() -> groups.create(STREAM, TOPIC, "empty"));
        onWriter(() -> groups.join(STREAM, TOPIC, GROUP, a, null));
        onWriter(() -> groups.join(STREAM, TOPIC, GROUP, b, null));
        onWriter(() -> groups.join(STREAM, TOPIC, GROUP, c, null));
        onWriter(() -> {
            groups.leave(STREAM, TOPIC, GROUP, a);
            return null;
        });
        // Ids 1 and 2 remain: the snapshot must keep them, not renumber.
        snapshots.snapshot(snapshotDir);
        assertTrue(Files.readString(snapshotDir.resolve(SnapshotManifest.FILE_NAME))
                .contains("member 0 0 0 1 22 7 node 2\n"));

        onWriter(() -> groups.removeMembers(m -> true));
        onWriter(() -> groups.join(STREAM, TOPIC, GROUP, a, null));
        AtomicInteger hooks = new AtomicInteger();
        snapshots.afterRestore(hooks::incrementAndGet);

        snapshots.restore(snapshotDir);

        ConsumerGroupMeta readers = writer.current().streams().get(0L).topics().get(0L).consumerGroups().get(0L);
        assertEquals(List.of(b, c), readers.members().stream().map(GroupMember::key).toList());
        assertEquals(List.of(1L, 2L), readers.members().stream().map(GroupMember::id).toList());
        assertTrue(readers.members().stream().allMatch(m -> m.session() == null), "restored unbound");
        assertNull(readers.member(a), "a member that joined after the snapshot is gone");
        assertEquals(0, writer.current().streams().get(0L).topics().get(0L).consumerGroups().get(1L).members().size());
        assertEquals(1, hooks.get());
        assertEquals(3L, readers.withMember(a, null).member(a).id(), "the next member's id follows the restored ones");
    }
}

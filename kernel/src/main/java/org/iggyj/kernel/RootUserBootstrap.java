package org.iggyj.kernel;

import org.iggyj.kernel.auth.PasswordHasher;
import org.iggyj.kernel.auth.RootCredentials;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.UserRecord;
import org.iggyj.kernel.partition.MicrosClock;
import org.iggyj.protocol.wire.Permissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the root user (id 0) on the first start of an empty data directory, as Iggy 0.8 does:
 * from IGGY_ROOT_USERNAME/IGGY_ROOT_PASSWORD, or iggy/iggy with
 * {@code --with-default-root-credentials}, or else with a random password printed once.
 */
final class RootUserBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(RootUserBootstrap.class);

    private RootUserBootstrap() {
    }

    static void ensureRoot(MetadataWriter metadata, RootCredentials root) {
        if (metadata.current().users().containsKey(UserRecord.ROOT_ID)) {
            return;
        }
        UserRecord user = new UserRecord(UserRecord.ROOT_ID, root.username(), PasswordHasher.hash(root.password()),
                UserRecord.ACTIVE, MicrosClock.SYSTEM.nowUs(), Permissions.all());
        metadata.mutate(() -> {
            metadata.putUser(user);
            return null;
        }).join();
        if (root.generated()) {
            // Printed once, to stdout, as upstream does; never logged.
            System.out.println("Generated root user password: " + root.password()
                    + " (user '" + root.username() + "'; it is not shown again)");
        }
        LOG.info("Created root user '{}'", root.username());
    }
}

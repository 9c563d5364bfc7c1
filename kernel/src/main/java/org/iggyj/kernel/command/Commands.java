package org.iggyj.kernel.command;

import io.netty.buffer.ByteBufAllocator;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import org.iggyj.kernel.auth.Authorizer;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.partition.MicrosClock;
import org.iggyj.kernel.session.SessionRegistry;

/**
 * Assembles the dispatcher with every command group the kernel implements.
 */
public final class Commands {

    private Commands() {
    }

    /**
     * @param metadata the metadata writer and snapshot
     * @param sessions the session registry
     * @param alloc    allocator for replies
     * @param hashing  executor for password verification
     * @param dataDir  the data directory (for disk statistics)
     * @param clock    the server clock
     * @param maxTokensPerUser most personal access tokens one user may hold
     * @return a dispatcher ready for transports
     */
    public static KernelDispatcher dispatcher(MetadataWriter metadata, SessionRegistry sessions, ByteBufAllocator alloc,
                                              Executor hashing, Path dataDir, MicrosClock clock,
                                              int maxTokensPerUser) {
        KernelDispatcher d = new KernelDispatcher();
        Guard guard = new Guard(new Authorizer());
        new SystemCommands(metadata, sessions, new StatsCollector(dataDir, clock), alloc, guard).registerWith(d);
        new SessionCommands(metadata, hashing, alloc).registerWith(d);
        new UserCommands(metadata, sessions, hashing, alloc, guard, clock).registerWith(d);
        new TokenCommands(metadata, alloc, clock, maxTokensPerUser).registerWith(d);
        new StreamCommands(metadata, alloc, guard).registerWith(d);
        new TopicCommands(metadata, alloc, guard).registerWith(d);
        new MessageCommands(metadata, alloc, guard).registerWith(d);
        new ConsumerOffsetCommands(metadata, alloc, guard).registerWith(d);
        return d;
    }
}

package org.iggyj.kernel.storage;

/**
 * The run-time services a partition's storage uses besides its settings: how segment files are
 * opened and the shared free-space account of the data directory.
 *
 * @param files how segment channels are opened ({@link FileOpener#DEFAULT} outside tests)
 * @param space the data directory's free-space account ({@link DiskSpace#unmonitored()} when none)
 */
public record StorageIo(FileOpener files, DiskSpace space) {

    /** Default files, free space not monitored: for tests and tools that run storage alone. */
    public static final StorageIo DEFAULT = new StorageIo(FileOpener.DEFAULT, DiskSpace.unmonitored());
}

package org.iggyj.spi.cluster;

/**
 * One file of a state snapshot ({@link ReplicatedStateMachine#snapshot}).
 *
 * @param path   path relative to the snapshot directory, {@code /}-separated
 * @param length how many bytes of the file belong to the snapshot; the file may be longer when it is
 *               shared with live data that grew since (the kernel restores only this prefix)
 */
public record SnapshotFile(String path, long length) {
}

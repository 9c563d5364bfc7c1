package org.iggyj.kernel.diagnostics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the in-memory ZIP of a get_snapshot reply: one entry per requested type, a type whose
 * report fails is left out (as in 0.8).
 *
 * <p>Thread-safe: stateless apart from the reports.
 */
public final class SnapshotArchive {

    /** Compression code for entries stored as they are. */
    public static final int STORED = 1;
    /** Compression code for deflated entries. */
    public static final int DEFLATED = 2;

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotArchive.class);

    private final SystemReports reports;

    /** @param reports the source of each entry's text */
    public SnapshotArchive(SystemReports reports) {
        this.reports = reports;
    }

    /**
     * @param compression {@link #STORED} or {@link #DEFLATED}
     * @param types       the entries wanted, written in enum order
     * @return the ZIP bytes
     */
    public byte[] build(int compression, Set<SnapshotType> types) {
        if (compression != STORED && compression != DEFLATED) {
            throw new IllegalArgumentException("unsupported compression " + compression);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (SnapshotType type : types) {
                byte[] content;
                try {
                    content = reports.report(type);
                } catch (UncheckedIOException | SecurityException e) {
                    LOG.warn("Snapshot: {} skipped: {}", type, e.toString());
                    continue;
                }
                zip.putNextEntry(entry(type.entryName(), content, compression));
                zip.write(content);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory zip failed", e);
        }
        return bytes.toByteArray();
    }

    private static ZipEntry entry(String name, byte[] content, int compression) {
        ZipEntry entry = new ZipEntry(name);
        if (compression == STORED) {
            // A stored entry needs its size and CRC before the data is written.
            CRC32 crc = new CRC32();
            crc.update(content);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(content.length);
            entry.setCompressedSize(content.length);
            entry.setCrc(crc.getValue());
        } else {
            entry.setMethod(ZipEntry.DEFLATED);
        }
        return entry;
    }
}

package org.iggyj.kernel.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * A {@link FileOpener} whose channels fail on command, for the storage error paths: writes to files
 * whose name ends with a chosen suffix can fail after writing a few bytes (a torn write, as a device
 * error or a full disk leaves), and fsyncs can fail (EIO). Everything else goes to the real file.
 *
 * <p>Thread-safe switches (volatile): a test arms them while the server's shard threads write.
 */
public final class FaultInjectingFileOpener implements FileOpener {

    /** The message Linux gives for EIO. */
    public static final String EIO = "Input/output error";

    private volatile String failWritesTo;
    private volatile int bytesBeforeFailure;
    private volatile String writeError = EIO;
    private volatile boolean failSyncs;

    @Override
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        return new FaultyChannel(FileChannel.open(path, options), path.getFileName().toString());
    }

    /**
     * Makes every later write to files named {@code *suffix} fail with EIO after {@code bytesFirst}
     * bytes of it have reached the file.
     */
    public void failWrites(String suffix, int bytesFirst) {
        failWrites(suffix, bytesFirst, EIO);
    }

    /** As {@link #failWrites(String, int)}, failing with {@code error} (e.g. "No space left on device"). */
    public void failWrites(String suffix, int bytesFirst, String error) {
        writeError = error;
        bytesBeforeFailure = bytesFirst;
        failWritesTo = suffix;
    }

    /** Makes every later fsync fail with EIO. */
    public void failSyncs() {
        failSyncs = true;
    }

    /** Lets writes and fsyncs through again. */
    public void heal() {
        failWritesTo = null;
        failSyncs = false;
    }

    private final class FaultyChannel extends FileChannel implements DelegatingChannel {

        private final FileChannel file;
        private final String name;

        FaultyChannel(FileChannel file, String name) {
            this.file = file;
            this.name = name;
        }

        @Override
        public FileChannel delegate() {
            return file;
        }

        private boolean failing() {
            String suffix = failWritesTo;
            return suffix != null && name.endsWith(suffix);
        }

        private IOException tear(ByteBuffer src, long position) throws IOException {
            int torn = Math.min(bytesBeforeFailure, src.remaining());
            if (torn > 0) {
                ByteBuffer part = src.duplicate();
                part.limit(part.position() + torn);
                if (position < 0) {
                    file.write(part);
                } else {
                    file.write(part, position);
                }
            }
            return new IOException(writeError + " (injected)");
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (failing()) {
                throw tear(src, -1);
            }
            return file.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            if (failing()) {
                throw tear(srcs[offset], -1);
            }
            return file.write(srcs, offset, length);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            if (failing()) {
                throw tear(src, position);
            }
            return file.write(src, position);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            if (failSyncs) {
                throw new IOException(EIO + " (injected)");
            }
            file.force(metaData);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return file.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return file.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return file.transferFrom(src, position, count);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return file.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return file.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}

package org.iggyj.kernel.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * File work handed to a shard, whose tasks may not throw checked exceptions: the {@link IOException}
 * travels unchecked through the shard's future and is unwrapped again by the caller.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
interface IoWork<T> {

    T run() throws IOException;

    /** @return the work's result; its {@link IOException} wrapped in an {@link UncheckedIOException} */
    default T unchecked() {
        try {
            return run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the future's value; a failure rethrown as its own runtime exception, unwrapped */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}

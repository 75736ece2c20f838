package org.xdsi.repository.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Has the disk write a document's bytes while more arrive: every {@value #EVERY_BYTES} bytes a background
 * {@code force} writes back what the page cache holds of the file, so the fsync that makes the document durable
 * finds little left to do instead of the whole document. One background force at a time per document; its failure
 * is the document's failure (a write-back error is reported to one fsync only, so it must not be lost here).
 */
final class EarlyWriteback {
    static final int EVERY_BYTES = 32 << 20;

    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "document-writeback");
        t.setDaemon(true);
        return t;
    });

    private final FileChannel channel;
    private long unflushed;
    private Future<?> running;

    EarlyWriteback(FileChannel channel) {
        this.channel = channel;
    }

    /** Counts bytes just written; starts a write-back when enough have gathered and none is running. */
    void written(int bytes) throws IOException {
        unflushed += bytes;
        if (unflushed >= EVERY_BYTES && (running == null || running.isDone())) {
            check();
            unflushed = 0;
            running = WRITERS.submit(() -> {
                channel.force(false);
                return null;
            });
        }
    }

    /** Waits for the running write-back; throws what it failed with. Call before the final force and close. */
    void finish() throws IOException {
        check();
    }

    private void check() throws IOException {
        if (running == null) {
            return;
        }
        try {
            running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the document was written to disk");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            running = null;
        }
    }
}

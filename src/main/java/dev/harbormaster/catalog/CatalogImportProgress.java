package dev.harbormaster.catalog;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How far this replica's start-up import of the catalog folder has come. The bot is ready before the import ends (a
 * large folder takes a while, and nothing else waits for it); until it does, an answer that finds no service or team
 * says that the catalog is still being imported rather than that the name does not exist.
 */
@ApplicationScoped
public class CatalogImportProgress {

    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final AtomicInteger filesRead = new AtomicInteger();
    private volatile int filesInFolder = -1;
    private volatile boolean started;

    /** Completes when the start-up import ended (or there was none); work that needs the whole catalog waits for it. */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    public boolean inProgress() {
        return started && !finished.isDone();
    }

    /**
     * A sentence for an answer that found nothing, or empty when no import is running: e.g. "The catalog is still
     * being imported (120 of 500 files), so it may not have reached this name yet."
     */
    public String notice() {
        if (!inProgress()) {
            return "";
        }
        int total = filesInFolder;
        String done = total < 0 ? "" : " (" + filesRead.get() + " of " + total + " files)";
        return "Catalog import in progress" + done + ": it may not have reached this name yet. Try again in a minute.";
    }

    void started() {
        started = true;
    }

    void folderListed(int files) {
        filesInFolder = files;
    }

    void fileRead() {
        filesRead.incrementAndGet();
    }

    void ended() {
        finished.complete(null);
    }
}

package dev.harbormaster.slack;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pools that do Slack's work off the request thread: exactly {@code threads} at once, named for thread dumps, idle
 * threads gone after a minute. Core and maximum are equal on purpose: a ThreadPoolExecutor adds threads beyond its core
 * only when its queue is full, so "2 to 8" and "4 to 16" with queues of 1,000 had meant 2 and 4, and in a burst of 50
 * Approve clicks the clickers' answers came 5.6–9.5 s late.
 */
public final class WorkerPool {

    private WorkerPool() {
    }

    public static ExecutorService fixed(String namePrefix, int threads, int queued) {
        AtomicInteger counter = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(queued), runnable -> {
                    Thread thread = new Thread(runnable, namePrefix + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}

package dev.harbormaster.slack;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Work a listener owes Slack but that must not delay the acknowledgement, such as posting an answer to a
 * click's response_url: it runs on a worker once the listener has returned its ack. Failures are logged
 * under an error id; there is nobody left to show them to.
 */
@ApplicationScoped
public class AfterAck {

    @Inject
    SlackErrors errors;

    /**
     * A ThreadPoolExecutor only grows past its core size once its queue is full, so with 2 core threads and a queue of
     * 1,000 the work ran two at a time: in a burst of 50 Approve clicks the clickers' answers came 5.6–9.5 s late. The
     * work is mostly waiting (the database, Slack), so eight run at once; idle threads go after a minute.
     */
    private static final int WORKERS = 8;

    private final AtomicInteger threads = new AtomicInteger();
    private final ThreadPoolExecutor workers = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(1000), runnable -> {
                Thread thread = new Thread(runnable, "after-ack-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    AfterAck() {
        workers.allowCoreThreadTimeOut(true);
    }

    public void run(String whileDoing, ThrowingRunnable work) {
        workers.execute(() -> {
            try {
                work.run();
            } catch (Exception e) {
                errors.record(whileDoing, e);
            }
        });
    }

    void stop(@Observes ShutdownEvent shutdown) {
        workers.shutdown();
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}

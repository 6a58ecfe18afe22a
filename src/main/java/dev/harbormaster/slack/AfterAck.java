package dev.harbormaster.slack;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.ExecutorService;
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

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService workers = new ThreadPoolExecutor(2, 8, 60, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(1000), runnable -> {
                Thread thread = new Thread(runnable, "after-ack-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

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

package dev.harbormaster.slack;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.ExecutorService;

/**
 * Work a listener owes Slack but that must not delay the acknowledgement, such as posting an answer to a
 * click's response_url: it runs on a worker once the listener has returned its ack. Failures are logged
 * under an error id; there is nobody left to show them to.
 */
@ApplicationScoped
public class AfterAck {

    @Inject
    SlackErrors errors;

    /** The work is mostly waiting (the database, Slack), so eight run at once. */
    private final ExecutorService workers = WorkerPool.fixed("after-ack-", 8, 1000);

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

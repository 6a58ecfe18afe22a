package dev.harbormaster.slack;

import com.slack.api.bolt.App;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Builds the Bolt {@link App} in the background as soon as the bot starts, retrying with backoff. Building it calls
 * auth.test on the Web API; built by the first request instead, that request (and every one arriving meanwhile) waited
 * on Slack before its acknowledgement, and when the call failed the next request tried again, each waiting for the
 * Web API timeout: under load after a start, every request for a minute failed that way (seen on the packaged jar,
 * 2026-12-03).
 */
@ApplicationScoped
public class BoltAppStarter {

    private static final Logger LOG = Logger.getLogger(BoltAppStarter.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    @Inject
    Instance<App> app;

    private final CompletableFuture<App> built = new CompletableFuture<>();
    private volatile Thread builder;

    void start(@Observes StartupEvent startup) {
        builder = new Thread(this::buildWithBackoff, "bolt-app-starter");
        builder.setDaemon(true);
        builder.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (builder != null) {
            builder.interrupt();
        }
    }

    private void buildWithBackoff() {
        Duration backoff = FIRST_BACKOFF;
        while (!built.isDone() && !Thread.currentThread().isInterrupted()) {
            try {
                built.complete(app.get());
            } catch (RuntimeException e) {
                // the sandbox's own Web API is not listening until start-up ends: expected once or twice
                LOG.log(backoff.compareTo(Duration.ofSeconds(1)) < 0 ? Logger.Level.DEBUG : Logger.Level.WARN,
                        "Could not set up the Slack app yet (" + rootMessage(e) + "); retrying in " + backoff.toMillis() + " ms");
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** The app once built, waiting at most {@code wait} for it; empty while Slack has not yet accepted the token. */
    public Optional<App> within(Duration wait) {
        App ready = built.getNow(null);
        if (ready != null) {
            return Optional.of(ready);
        }
        try {
            return Optional.of(built.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException notYet) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException impossible) {
            // never completed exceptionally: failures are retried
            return Optional.empty();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}

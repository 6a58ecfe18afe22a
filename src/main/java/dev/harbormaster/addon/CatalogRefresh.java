package dev.harbormaster.addon;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fetches the brokers' catalogs shortly after start (the reference broker is this very process, so not before it
 * listens) and then on a clustered schedule.
 */
@ApplicationScoped
public class CatalogRefresh {

    private static final Logger LOG = Logger.getLogger(CatalogRefresh.class);

    @Inject
    AddonCatalog catalog;

    void atStart(@Observes StartupEvent event) {
        CompletableFuture.runAsync(this::refresh, CompletableFuture.delayedExecutor(3, TimeUnit.SECONDS));
    }

    @Scheduled(identity = "addon-catalog-refresh", every = "${harbormaster.addons.catalog-refresh-every:15m}",
            delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            catalog.refresh().forEach(fetch -> LOG.debugf("Catalog of broker %s: %s", fetch.broker(),
                    fetch.ok() ? fetch.offerings() + " offering(s)" : fetch.error()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Refreshing the add-on catalogs failed");
        }
    }
}

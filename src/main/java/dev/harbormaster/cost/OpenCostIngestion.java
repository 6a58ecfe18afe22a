package dev.harbormaster.cost;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Polls OpenCost for the last few days and replaces those days of the {@code opencost} source. Namespaces map to
 * catalog services through their environments (cluster + namespace); a namespace several services share is split
 * evenly among them, and one no service runs in is kept as unallocated.
 */
@ApplicationScoped
public class OpenCostIngestion {

    static final String SOURCE = "opencost";
    private static final Logger LOG = Logger.getLogger(OpenCostIngestion.class);

    @Inject
    CostSettings settings;
    @Inject
    CostStore store;
    @Inject
    FocusIngestion focus;
    @Inject
    ObjectMapper json;

    public boolean configured() {
        return settings.opencostUrl().filter(url -> !url.isBlank()).isPresent();
    }

    /** Reads the configured OpenCost for the days up to {@code today}; false (and the reason recorded) when it failed. */
    public boolean poll(LocalDate today) {
        if (!configured()) {
            return false;
        }
        OpenCostClient client = new OpenCostClient(settings.opencostUrl().orElseThrow(), settings.opencostTimeout(), json);
        return poll(client, today.minusDays(Math.max(1, settings.opencostDays()) - 1L), today.plusDays(1), focus.mapping(),
                settings.opencostCurrency());
    }

    /** Reads {@code [from, to)} through this client; all of it is written, or nothing. */
    public boolean poll(OpenCostClient client, LocalDate from, LocalDate to, CostMapping mapping, String currency) {
        List<OpenCostClient.NamespaceCost> costs;
        try {
            costs = client.dailyByNamespace(from, to);
        } catch (OpenCostClient.OpenCostException e) {
            LOG.warnf("Cost: OpenCost not read: %s (the days it gave before are kept)", e.getMessage());
            store.recordRead(new CostStore.SourceRead(SOURCE, SOURCE, null, null, Instant.now(), 0, 0, from, to.minusDays(1),
                    e.getMessage()));
            return false;
        }
        DailyCosts daily = new DailyCosts();
        SortedSet<LocalDate> days = new TreeSet<>();
        for (OpenCostClient.NamespaceCost cost : costs) {
            List<String> services = cost.namespace() == null ? List.of(CostMapping.UNALLOCATED)
                    : mapping.byNamespace(cost.cluster(), cost.namespace());
            daily.add(cost.day(), services, currency, cost.totalCost(), cost.totalCost());
            days.add(cost.day());
        }
        QuarkusTransaction.requiringNew().run(() -> {
            store.replace(SOURCE, days, daily);
            store.recordRead(new CostStore.SourceRead(SOURCE, SOURCE, null, null, Instant.now(), costs.size(), 0,
                    days.isEmpty() ? null : days.first(), days.isEmpty() ? null : days.last(), null));
        });
        LOG.infof("Cost: OpenCost gave %d namespace-day(s) for %s to %s", costs.size(), from, to.minusDays(1));
        return true;
    }
}

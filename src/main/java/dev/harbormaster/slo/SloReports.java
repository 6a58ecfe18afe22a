package dev.harbormaster.slo;

import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.Service;
import dev.harbormaster.catalog.Slo;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SLO figures per service, from the catalog's SLOs and their queries: attainment over the SLO window, error budget
 * left, burn rates and the last weeks. From Prometheus when it is configured; in the sandbox without one, from the
 * labelled demo source; otherwise not measured, and said so.
 */
@ApplicationScoped
public class SloReports {

    static final String NOT_CONFIGURED = "not measured: HARBORMASTER_SLO_PROMETHEUS_URL is not set";
    private static final String DEFAULT_WINDOW = "30d";

    @Inject
    Catalog catalog;
    @Inject
    SloClock clock;
    @Inject
    PrometheusClient prometheus;
    @Inject
    PrometheusSli prometheusSli;
    @Inject
    DemoSli demoSli;
    @Inject
    SlackConnection connection;

    /** The service's SLOs measured now; empty for a service the catalog does not know or that has no SLOs. */
    @ActivateRequestContext
    public List<SloStatus> forService(String service) {
        return forService(service, clock.now());
    }

    @ActivateRequestContext
    public List<SloStatus> forService(String service, Instant at) {
        Optional<Service> found = catalog.service(service == null ? "" : service);
        if (found.isEmpty()) {
            return List.of();
        }
        return statuses(found.get(), at);
    }

    private List<SloStatus> statuses(Service service, Instant at) {
        List<SloStatus> statuses = new ArrayList<>();
        for (Slo slo : service.slos) {
            statuses.add(status(service.name, slo, at));
        }
        return statuses;
    }

    /** Each named service's SLOs, in the order given; services the catalog does not know map to an empty list. */
    @ActivateRequestContext
    public Map<String, List<SloStatus>> forServices(Collection<String> services) {
        Instant at = clock.now();
        Map<String, Service> known = new java.util.HashMap<>();
        catalog.servicesNamed(services).forEach(service -> known.put(service.name, service));
        Map<String, List<SloStatus>> all = new LinkedHashMap<>();
        for (String service : services) {
            Service found = known.get(service);
            all.put(service, found == null ? List.of() : statuses(found, at));
        }
        return all;
    }

    /** The source in use, or empty when SLOs are not measured at all (production without Prometheus). */
    Optional<SliSource> source() {
        if (prometheus.configured()) {
            return Optional.of(prometheusSli);
        }
        return connection.sandbox() ? Optional.of(demoSli) : Optional.empty();
    }

    /** The four burn rates the fast-burn rule needs, and the budget left; from Prometheus only (alerts never use demo data). */
    public BurnRates burnRates(String service, Slo slo, Instant at) {
        if (!prometheus.configured()) {
            return new BurnRates(null, null, null, null, null, NOT_CONFIGURED);
        }
        return burnRates(prometheusSli, service, slo, at);
    }

    private BurnRates burnRates(SliSource source, String service, Slo slo, Instant at) {
        Reasons reasons = new Reasons();
        Double burn5m = burn(slo, reasons.note("burn 5m", source.ratio(service, slo, "5m", at)));
        Double burn30m = burn(slo, reasons.note("burn 30m", source.ratio(service, slo, "30m", at)));
        Double burn1h = burn(slo, reasons.note("burn 1h", source.ratio(service, slo, "1h", at)));
        Double burn6h = burn(slo, reasons.note("burn 6h", source.ratio(service, slo, "6h", at)));
        Double attainment = reasons.note("attainment", source.ratio(service, slo, window(slo), at)).value();
        return new BurnRates(burn5m, burn30m, burn1h, burn6h, budgetLeft(slo, attainment), reasons.text());
    }

    private SloStatus status(String service, Slo slo, Instant at) {
        Optional<SliSource> source = source();
        if (source.isEmpty()) {
            return new SloStatus(service, slo.name(), slo.objective(), slo.window(), null, null, null, null, List.of(),
                    SloStatus.PROMETHEUS, NOT_CONFIGURED);
        }
        SliSource sli = source.get();
        if (sli == prometheusSli && !slo.measured()) {
            return new SloStatus(service, slo.name(), slo.objective(), slo.window(), null, null, null, null, List.of(),
                    sli.name(), "not measured: the catalog gives no query (add spec.harbormaster.slos[].query)");
        }
        Reasons reasons = new Reasons();
        Double attainment = reasons.note("attainment", sli.ratio(service, slo, window(slo), at)).value();
        Double burn1h = burn(slo, reasons.note("burn 1h", sli.ratio(service, slo, "1h", at)));
        Double burn6h = burn(slo, reasons.note("burn 6h", sli.ratio(service, slo, "6h", at)));
        PrometheusClient.Series weekly = sli.weekly(service, slo, at);
        if (weekly.unavailable() != null) {
            reasons.note("weekly", new PrometheusClient.Reading(null, weekly.unavailable()));
        }
        String unavailable = reasons.text();
        if (objectiveWithoutBudget(slo)) {
            unavailable = (unavailable == null ? "" : unavailable + "; ")
                    + "an objective of 100 % has no error budget, so no budget left or burn rate";
        }
        return new SloStatus(service, slo.name(), slo.objective(), slo.window(), attainment, budgetLeft(slo, attainment),
                burn1h, burn6h, weekly.values(), sli.name(), unavailable);
    }

    /** 1 − (1 − attainment)/(1 − objective/100); negative once the budget is overspent. */
    static Double budgetLeft(Slo slo, Double attainment) {
        if (attainment == null || objectiveWithoutBudget(slo)) {
            return null;
        }
        return 1 - (1 - attainment) / (1 - slo.objective() / 100);
    }

    static Double burn(Slo slo, PrometheusClient.Reading ratio) {
        if (!ratio.known() || objectiveWithoutBudget(slo)) {
            return null;
        }
        return (1 - ratio.value()) / (1 - slo.objective() / 100);
    }

    private static boolean objectiveWithoutBudget(Slo slo) {
        return !(slo.objective() < 100);
    }

    private static String window(Slo slo) {
        return slo.window() != null && Slo.DURATION.matcher(slo.window()).matches() ? slo.window() : DEFAULT_WINDOW;
    }

    /** Why figures are missing: one reason when they share it, else each figure with its own. */
    private static final class Reasons {
        private final Map<String, String> byFigure = new LinkedHashMap<>();

        PrometheusClient.Reading note(String figure, PrometheusClient.Reading reading) {
            if (!reading.known()) {
                byFigure.put(figure, reading.unavailable());
            }
            return reading;
        }

        String text() {
            if (byFigure.isEmpty()) {
                return null;
            }
            Set<String> distinct = new LinkedHashSet<>(byFigure.values());
            if (distinct.size() == 1) {
                return distinct.iterator().next();
            }
            List<String> parts = new ArrayList<>();
            byFigure.forEach((figure, why) -> parts.add(figure + ": " + why));
            return String.join("; ", parts);
        }
    }
}

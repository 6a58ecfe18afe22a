package dev.harbormaster.slo;

import dev.harbormaster.catalog.Slo;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Made-up but steady figures for the sandbox, so a newcomer sees what an SLO report looks like before a Prometheus
 * exists; every reply that uses them says so. Deterministic: the same service, SLO, window and hour give the same
 * ratio, always within the objective (a demo that pages people would teach the wrong thing).
 */
@ApplicationScoped
class DemoSli implements SliSource {

    static final String LABEL = "demo data — no Prometheus configured";

    @Override
    public String name() {
        return SloStatus.DEMO;
    }

    @Override
    public PrometheusClient.Reading ratio(String service, Slo slo, String range, Instant at) {
        long hour = at.getEpochSecond() / 3600;
        return new PrometheusClient.Reading(ratio(slo, spend(service + "/" + slo.name() + "/" + range + "/" + hour)), null);
    }

    @Override
    public PrometheusClient.Series weekly(String service, Slo slo, Instant at) {
        long week = at.getEpochSecond() / WEEK.toSeconds();
        List<Double> values = new ArrayList<>();
        for (int k = WEEKS - 1; k >= 0; k--) {
            values.add(ratio(slo, spend(service + "/" + slo.name() + "/week/" + (week - k))));
        }
        return new PrometheusClient.Series(values, null);
    }

    /** Good/total spending this share of the error budget (an objective of 100 % has none, so is met exactly). */
    private static double ratio(Slo slo, double share) {
        double budget = 1 - slo.objective() / 100;
        return budget <= 0 ? 1 : 1 - budget * share;
    }

    /** A share of the budget between 0.1 and 0.7 from a stable hash (String.hashCode is specified, so it never moves). */
    private static double spend(String key) {
        int hash = key.hashCode() * 0x9E3779B1;
        return 0.1 + 0.6 * ((hash >>> 8) / (double) (1 << 24));
    }
}

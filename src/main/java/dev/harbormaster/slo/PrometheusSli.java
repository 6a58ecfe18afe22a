package dev.harbormaster.slo;

import dev.harbormaster.catalog.Slo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;

/** Ratios from the catalog's queries, through the Prometheus HTTP API. */
@ApplicationScoped
class PrometheusSli implements SliSource {

    @Inject
    PrometheusClient prometheus;

    @Override
    public String name() {
        return SloStatus.PROMETHEUS;
    }

    @Override
    public PrometheusClient.Reading ratio(String service, Slo slo, String range, Instant at) {
        String query = slo.goodRatioQuery(range);
        if (query == null) {
            return new PrometheusClient.Reading(null, noQuery(slo));
        }
        return prometheus.ratio(query, at);
    }

    /** One range query with a 7-day step: each point is the 7-day ratio ending there. */
    @Override
    public PrometheusClient.Series weekly(String service, Slo slo, Instant at) {
        String query = slo.goodRatioQuery("7d");
        if (query == null) {
            return new PrometheusClient.Series(List.of(), noQuery(slo));
        }
        return prometheus.ratios(query, at.minus(WEEK.multipliedBy(WEEKS - 1)), at, WEEK);
    }

    private static String noQuery(Slo slo) {
        return slo.measured() ? "the catalog's query for this SLO is not valid; re-import the service's file to see why"
                : "not measured: the catalog gives no query (add spec.harbormaster.slos[].query)";
    }
}

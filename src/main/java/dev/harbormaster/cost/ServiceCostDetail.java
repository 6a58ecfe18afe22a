package dev.harbormaster.cost;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One service's cost for {@code [from, to)} against the previous period, in its main currency.
 *
 * @param team     the owning team in the catalog now (null when none)
 * @param bySource current-period cost per source ({@code opencost}, {@code focus:<file>})
 * @param daily    every day of {@code [from, to)} (zero when none)
 */
public record ServiceCostDetail(String service, String team, LocalDate from, LocalDate to, String currency, BigDecimal total,
                                BigDecimal previousTotal, Map<String, BigDecimal> bySource, SortedMap<LocalDate, BigDecimal> daily,
                                List<String> notes) {

    public Double percentChange() {
        return ServiceCost.percent(total, previousTotal);
    }
}

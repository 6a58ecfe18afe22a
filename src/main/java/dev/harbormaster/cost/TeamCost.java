package dev.harbormaster.cost;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A team's cost for {@code [from, to)} against the previous period of equal length, in one currency (the budget's,
 * else the one with most cost); other currencies, unallocated cost and missing sources are told in {@code notes}.
 *
 * @param services       every service with cost in either period (and the team's {@code (team:<name>)} bucket, cost
 *                       tagged with the team but no service), by current cost, highest first
 * @param topMovers      up to five services that changed, by absolute % change; new cost (nothing before) first
 * @param monthToDate    this month's cost so far (the month of the report's "today")
 * @param monthForecast  month-to-date ÷ days with data so far × days in the month
 * @param dailyByService every day of {@code [from, to)}, each with every service of {@code services} (zero when none)
 */
public record TeamCost(String team, LocalDate from, LocalDate to, String currency, BigDecimal total, BigDecimal previousTotal,
                       List<ServiceCost> services, List<ServiceCost> topMovers, BigDecimal monthToDate,
                       BigDecimal monthForecast, Optional<Budget> budget, SortedMap<LocalDate, Map<String, BigDecimal>> dailyByService,
                       List<String> notes) {

    /** Whether any cost at all was found for the team in either period. */
    public boolean hasData() {
        return !services.isEmpty();
    }

    /** Total vs previous in %, or null when there was nothing before. */
    public Double percentChange() {
        return ServiceCost.percent(total, previousTotal);
    }
}

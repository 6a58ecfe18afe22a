package dev.harbormaster.cost;

import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Cost as people ask for it: per team (the catalog's owner now) or per service, against the previous period of equal
 * length, with the month so far, its forecast and the budget. Each report is one aggregate query over the daily sums
 * (plus one for cost nobody claims); amounts in different currencies are never added together.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CostReports {

    static final int TOP_MOVERS = 5;
    private static final String DEFAULT_CURRENCY = "USD";

    @Inject
    EntityManager entityManager;
    @Inject
    Budgets budgets;
    @Inject
    CostStore store;
    @Inject
    CostSettings settings;
    @Inject
    SlackConnection connection;

    @Inject
    Clock clock;

    /** Cost of a team's services for [from, to) against the previous period of equal length; null-free. */
    public TeamCost forTeam(String team, LocalDate from, LocalDate to) {
        return forTeam(team, from, to, LocalDate.now(clock));
    }

    /** As {@link #forTeam(String, LocalDate, LocalDate)}, with the month to date and forecast taken as of {@code today}. */
    public TeamCost forTeam(String team, LocalDate from, LocalDate to, LocalDate today) {
        long length = ChronoUnit.DAYS.between(from, to);
        if (length <= 0) {
            throw new IllegalArgumentException("the period must end after it starts");
        }
        LocalDate previousFrom = from.minusDays(length);
        LocalDate monthStart = today.withDayOfMonth(1);
        LocalDate queryFrom = previousFrom.isBefore(monthStart) ? previousFrom : monthStart;
        LocalDate queryTo = to.isAfter(today) ? to : today.plusDays(1);
        String bucket = CostMapping.teamBucket(team);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select c.day, c.service, c.currency, sum(c.effective_cost)
                        from cost_daily c
                        where c.day >= ?1 and c.day < ?2
                          and c.service in (select s.name from catalog_service s where s.owner_team = ?3 union all select cast(?4 as text))
                        group by c.day, c.service, c.currency""")
                .setParameter(1, queryFrom).setParameter(2, queryTo).setParameter(3, team).setParameter(4, bucket)
                .getResultList();
        List<DayCost> costs = rows.stream().map(row -> new DayCost(CostStore.date(row[0]), (String) row[1],
                ((String) row[2]).trim(), (BigDecimal) row[3])).toList();

        Optional<Budget> budget = budgets.of(team);
        String currency = budget.map(Budget::currency).orElseGet(() -> mainCurrency(costs, from, to, previousFrom));
        List<String> notes = new ArrayList<>();

        Map<String, BigDecimal[]> byService = new HashMap<>();
        SortedMap<LocalDate, Map<String, BigDecimal>> daily = new TreeMap<>();
        BigDecimal monthToDate = BigDecimal.ZERO;
        LocalDate lastDayWithData = null;
        Map<String, BigDecimal> otherCurrencies = new TreeMap<>();
        for (DayCost cost : costs) {
            boolean current = !cost.day.isBefore(from) && cost.day.isBefore(to);
            boolean previous = !cost.day.isBefore(previousFrom) && cost.day.isBefore(from);
            if (!cost.currency.equals(currency)) {
                if (current) {
                    otherCurrencies.merge(cost.currency, cost.amount, BigDecimal::add);
                }
                continue;
            }
            if (current || previous) {
                BigDecimal[] pair = byService.computeIfAbsent(cost.service, s -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
                pair[current ? 0 : 1] = pair[current ? 0 : 1].add(cost.amount);
            }
            if (current) {
                daily.computeIfAbsent(cost.day, d -> new HashMap<>()).merge(cost.service, cost.amount, BigDecimal::add);
            }
            if (!cost.day.isBefore(monthStart) && !cost.day.isAfter(today)) {
                monthToDate = monthToDate.add(cost.amount);
                if (lastDayWithData == null || cost.day.isAfter(lastDayWithData)) {
                    lastDayWithData = cost.day;
                }
            }
        }
        List<ServiceCost> services = byService.entrySet().stream()
                .map(e -> new ServiceCost(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparing(ServiceCost::current).reversed().thenComparing(ServiceCost::service))
                .toList();
        BigDecimal total = services.stream().map(ServiceCost::current).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal previousTotal = services.stream().map(ServiceCost::previous).reduce(BigDecimal.ZERO, BigDecimal::add);
        SortedMap<LocalDate, Map<String, BigDecimal>> dailyByService = new TreeMap<>();
        for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
            Map<String, BigDecimal> ofDay = new LinkedHashMap<>();
            Map<String, BigDecimal> found = daily.getOrDefault(day, Map.of());
            for (ServiceCost service : services) {
                ofDay.put(service.service(), found.getOrDefault(service.service(), BigDecimal.ZERO));
            }
            dailyByService.put(day, ofDay);
        }
        BigDecimal forecast = lastDayWithData == null ? BigDecimal.ZERO
                : monthToDate.multiply(BigDecimal.valueOf(today.lengthOfMonth()))
                .divide(BigDecimal.valueOf(lastDayWithData.getDayOfMonth()), 2, RoundingMode.HALF_EVEN);

        otherCurrencies.forEach((code, amount) -> notes.add("Also " + CostFormat.money(amount, code)
                + " in this period in " + code + ", not converted and not in these totals."));
        if (services.stream().anyMatch(s -> s.service().equals(bucket))) {
            notes.add(bucket + " is cost tagged with the team but with no catalog service.");
        }
        if (lastDayWithData == null) {
            notes.add("No cost recorded yet this month, so no forecast.");
        } else if (lastDayWithData.isBefore(today)) {
            notes.add("This month's data runs to " + lastDayWithData + "; the forecast extrapolates from there.");
        }
        unallocatedNote(from, to).ifPresent(notes::add);
        notes.addAll(sourceNotes());
        return new TeamCost(team, from, to, currency, total, previousTotal, services, topMovers(services), monthToDate,
                forecast, budget, dailyByService, List.copyOf(notes));
    }

    /** One service's cost for [from, to) against the previous period of equal length. */
    public ServiceCostDetail forService(String service, LocalDate from, LocalDate to) {
        long length = ChronoUnit.DAYS.between(from, to);
        if (length <= 0) {
            throw new IllegalArgumentException("the period must end after it starts");
        }
        LocalDate previousFrom = from.minusDays(length);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select c.day, c.source, c.currency, sum(c.effective_cost)
                        from cost_daily c where c.service = ?1 and c.day >= ?2 and c.day < ?3
                        group by c.day, c.source, c.currency""")
                .setParameter(1, service).setParameter(2, previousFrom).setParameter(3, to).getResultList();
        List<DayCost> costs = rows.stream().map(row -> new DayCost(CostStore.date(row[0]), (String) row[1],
                ((String) row[2]).trim(), (BigDecimal) row[3])).toList();
        @SuppressWarnings("unchecked")
        List<String> owners = entityManager.createNativeQuery("select owner_team from catalog_service where name = ?1")
                .setParameter(1, service).getResultList();
        String team = owners.isEmpty() ? null : owners.get(0);
        String currency = team == null ? mainCurrency(costs, from, to, previousFrom)
                : budgets.of(team).map(Budget::currency).orElseGet(() -> mainCurrency(costs, from, to, previousFrom));
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal previousTotal = BigDecimal.ZERO;
        Map<String, BigDecimal> bySource = new TreeMap<>();
        SortedMap<LocalDate, BigDecimal> daily = new TreeMap<>();
        for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
            daily.put(day, BigDecimal.ZERO);
        }
        Map<String, BigDecimal> otherCurrencies = new TreeMap<>();
        for (DayCost cost : costs) {
            boolean current = !cost.day.isBefore(from);
            if (!cost.currency.equals(currency)) {
                if (current) {
                    otherCurrencies.merge(cost.currency, cost.amount, BigDecimal::add);
                }
            } else if (current) {
                total = total.add(cost.amount);
                bySource.merge(cost.service, cost.amount, BigDecimal::add);
                daily.merge(cost.day, cost.amount, BigDecimal::add);
            } else {
                previousTotal = previousTotal.add(cost.amount);
            }
        }
        List<String> notes = new ArrayList<>();
        otherCurrencies.forEach((code, amount) -> notes.add("Also " + CostFormat.money(amount, code)
                + " in this period in " + code + ", not converted and not in these totals."));
        notes.addAll(sourceNotes());
        return new ServiceCostDetail(service, team, from, to, currency, total, previousTotal, bySource, daily, List.copyOf(notes));
    }

    /** Every source: configured or not (named "not configured", never shown as zero). */
    public List<CostSource> sources() {
        List<CostSource> sources = new ArrayList<>();
        boolean focusConfigured = settings.focusDir().filter(dir -> !dir.isBlank()).isPresent() || connection.sandbox();
        List<CostStore.SourceRead> files = store.lastReads(FocusIngestion.KIND);
        if (!focusConfigured) {
            sources.add(new CostSource("FOCUS files", false, "not configured (set HARBORMASTER_COST_FOCUS_DIR)"));
        } else if (files.isEmpty()) {
            sources.add(new CostSource("FOCUS files", true, settings.focusDir().isPresent() ? "no file read yet"
                    : "sandbox demo data, not read yet"));
        } else {
            long failed = files.stream().filter(f -> f.error() != null).count();
            CostStore.SourceRead latest = files.stream().max(Comparator.comparing(CostStore.SourceRead::readAt)).orElseThrow();
            long used = files.stream().mapToLong(CostStore.SourceRead::rowsRead).sum();
            long skipped = files.stream().mapToLong(CostStore.SourceRead::rowsSkipped).sum();
            String detail = files.size() + " file(s), " + used + " line(s) used, " + skipped + " skipped; last read "
                    + latest.readAt().truncatedTo(ChronoUnit.SECONDS)
                    + (failed == 0 ? "" : "; " + failed + " file(s) could not be read, e.g. "
                    + files.stream().filter(f -> f.error() != null).findFirst().map(f -> f.name() + ": " + f.error()).orElse(""))
                    + (settings.focusDir().isPresent() ? "" : " (sandbox demo data)");
            sources.add(new CostSource("FOCUS files", true, detail));
        }
        if (settings.opencostUrl().filter(url -> !url.isBlank()).isEmpty()) {
            sources.add(new CostSource("OpenCost", false, "not configured (set HARBORMASTER_COST_OPENCOST_URL)"));
        } else {
            String detail = store.lastRead(OpenCostIngestion.SOURCE).map(read -> read.error() != null
                            ? "last read failed at " + read.readAt().truncatedTo(ChronoUnit.SECONDS) + ": " + read.error()
                            : "last read " + read.readAt().truncatedTo(ChronoUnit.SECONDS) + ", " + read.rowsRead()
                            + " namespace-day(s)" + (read.firstDay() == null ? "" : " for " + read.firstDay() + " to " + read.lastDay()))
                    .orElse("not read yet");
            sources.add(new CostSource("OpenCost", true, detail));
        }
        return sources;
    }

    /** Month to date and forecast of a team in its budget's currency, as of {@code today} (for budget alerts). */
    TeamCost monthOf(String team, LocalDate today) {
        LocalDate monthStart = today.withDayOfMonth(1);
        return forTeam(team, monthStart, today.plusDays(1), today);
    }

    private List<String> sourceNotes() {
        List<String> notes = new ArrayList<>();
        for (CostSource source : sources()) {
            if (!source.configured()) {
                notes.add(source.name() + ": " + source.detail() + ".");
            } else if (source.detail().contains("failed") || source.detail().contains("could not be read")) {
                notes.add(source.name() + ": " + source.detail() + ".");
            }
        }
        return notes;
    }

    private Optional<String> unallocatedNote(LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select currency, sum(effective_cost) from cost_daily "
                        + "where service = ?1 and day >= ?2 and day < ?3 group by currency order by currency")
                .setParameter(1, CostMapping.UNALLOCATED).setParameter(2, from).setParameter(3, to).getResultList();
        List<String> amounts = rows.stream().filter(row -> ((BigDecimal) row[1]).signum() != 0)
                .map(row -> CostFormat.money((BigDecimal) row[1], ((String) row[0]).trim())).toList();
        return amounts.isEmpty() ? Optional.empty() : Optional.of(String.join(" + ", amounts)
                + " in this period is not allocated to any catalog service (across all teams).");
    }

    private static String mainCurrency(List<DayCost> costs, LocalDate from, LocalDate to, LocalDate previousFrom) {
        Map<String, BigDecimal> current = new HashMap<>();
        Map<String, BigDecimal> any = new HashMap<>();
        for (DayCost cost : costs) {
            if (!cost.day.isBefore(previousFrom) && cost.day.isBefore(to)) {
                any.merge(cost.currency, cost.amount.abs(), BigDecimal::add);
                if (!cost.day.isBefore(from)) {
                    current.merge(cost.currency, cost.amount.abs(), BigDecimal::add);
                }
            }
        }
        Map<String, BigDecimal> basis = current.isEmpty() ? any : current;
        return basis.entrySet().stream().max(Map.Entry.<String, BigDecimal>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse(DEFAULT_CURRENCY);
    }

    static List<ServiceCost> topMovers(List<ServiceCost> services) {
        Comparator<ServiceCost> newFirst = Comparator.comparing(s -> s.percentChange() != null);
        Comparator<ServiceCost> byChange = Comparator.comparingDouble(s -> s.percentChange() == null
                ? -s.current().doubleValue() : -Math.abs(s.percentChange()));
        return services.stream().filter(s -> s.current().compareTo(s.previous()) != 0)
                .sorted(newFirst.thenComparing(byChange).thenComparing(ServiceCost::service))
                .limit(TOP_MOVERS).toList();
    }

    private record DayCost(LocalDate day, String service, String currency, BigDecimal amount) {
    }
}

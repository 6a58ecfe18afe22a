package dev.harbormaster.cost;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
public record TeamCost(String team, LocalDate from, LocalDate to, String currency, BigDecimal total, BigDecimal previousTotal,
       List<ServiceCost> services, List<ServiceCost> topMovers, BigDecimal monthToDate, BigDecimal monthForecast, Optional<Budget> budget,
       SortedMap<LocalDate, Map<String, BigDecimal>> dailyByService, List<String> notes) {}

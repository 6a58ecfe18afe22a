package dev.harbormaster.cost;
import java.math.BigDecimal;
public record ServiceCost(String service, BigDecimal current, BigDecimal previous) { public Double percentChange() { return null; } }

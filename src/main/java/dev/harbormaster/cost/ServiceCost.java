package dev.harbormaster.cost;

import java.math.BigDecimal;

/** One service's cost in the current and the previous period. */
public record ServiceCost(String service, BigDecimal current, BigDecimal previous) {

    /** Change in %, or null when the previous period cost nothing (no meaningful percentage). */
    public Double percentChange() {
        return percent(current, previous);
    }

    static Double percent(BigDecimal current, BigDecimal previous) {
        if (previous == null || previous.signum() == 0) {
            return null;
        }
        return current.subtract(previous).doubleValue() * 100.0 / previous.doubleValue();
    }
}

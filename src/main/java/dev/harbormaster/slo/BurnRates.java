package dev.harbormaster.slo;

/**
 * How fast an SLO's error budget burns over four windows: (1 − good/total)/(1 − objective/100), so 1 spends the budget
 * exactly over the SLO window. A rate that could not be measured is null and {@code unavailable} says why.
 */
public record BurnRates(Double burn5m, Double burn30m, Double burn1h, Double burn6h, Double budgetLeft, String unavailable) {

    /** Google SRE workbook, multiwindow multi-burn-rate: 2 % of a 30-day budget in an hour, or 5 % in six hours. */
    public static final double FAST_1H = 14.4;
    public static final double SLOW_6H = 6;

    /** Page: (1 h and 5 m above 14.4) or (6 h and 30 m above 6). An unknown rate never pages. */
    public boolean fastBurn() {
        return (above(burn1h, FAST_1H) && above(burn5m, FAST_1H)) || (above(burn6h, SLOW_6H) && above(burn30m, SLOW_6H));
    }

    /** Whether every rate is known: an episode closes only on a measured "no burn", not on a Prometheus outage. */
    public boolean measured() {
        return burn5m != null && burn30m != null && burn1h != null && burn6h != null;
    }

    private static boolean above(Double rate, double threshold) {
        return rate != null && rate > threshold;
    }
}

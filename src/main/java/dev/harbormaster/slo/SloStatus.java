package dev.harbormaster.slo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One SLO's figures at a time. Ratios are fractions (0.9995, not 99.95); a figure that could not be measured is null,
 * never zero, and {@code unavailable} says why.
 *
 * @param objective  target percentage, e.g. 99.95
 * @param attainment good/total over the SLO's window
 * @param budgetLeft share of the error budget left: 1 − (1 − attainment)/(1 − objective/100); negative when overspent
 * @param burn1h     how many times faster than sustainable the budget burned over the last hour
 * @param weekly     attainment of each of the last 8 weeks, oldest first, null where unknown
 * @param source     {@code prometheus} or {@code demo}
 */
public record SloStatus(String service, String slo, double objective, String window, Double attainment, Double budgetLeft,
                        Double burn1h, Double burn6h, List<Double> weekly, String source, String unavailable) {

    public static final String PROMETHEUS = "prometheus";
    public static final String DEMO = "demo";

    public SloStatus {
        // List.copyOf refuses nulls, and a null week is a gap the sparkline shows
        weekly = weekly == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(weekly));
    }
}

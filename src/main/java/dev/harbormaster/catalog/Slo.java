package dev.harbormaster.catalog;

/**
 * A service level objective.
 *
 * @param objective target percentage, e.g. 99.9
 * @param window    the rolling window, e.g. {@code 30d}
 * @param indicator what is measured, in words or as a query
 */
public record Slo(String name, double objective, String window, String indicator) {
}

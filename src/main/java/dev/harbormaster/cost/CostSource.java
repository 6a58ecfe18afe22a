package dev.harbormaster.cost;

/** A cost source, configured or not; {@code detail} says when it was last read and what it gave, or why not. */
public record CostSource(String name, boolean configured, String detail) {
}

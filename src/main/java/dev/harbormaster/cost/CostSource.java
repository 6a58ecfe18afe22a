package dev.harbormaster.cost;
public record CostSource(String name, boolean configured, String detail) {}

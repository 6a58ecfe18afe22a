package dev.harbormaster.slo;
import java.util.List;
public record SloStatus(String service, String slo, double objective, String window,
       Double attainment, Double budgetLeft, Double burn1h, Double burn6h, List<Double> weekly, String source, String unavailable) {}

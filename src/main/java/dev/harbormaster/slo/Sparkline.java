package dev.harbormaster.slo;
import java.util.List;
public final class Sparkline { public static String of(List<Double> values) { return ""; } }

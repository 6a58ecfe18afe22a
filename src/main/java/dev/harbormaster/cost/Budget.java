package dev.harbormaster.cost;
import java.math.BigDecimal;
public record Budget(String team, BigDecimal amount, String currency, String period) {}

package dev.harbormaster.cost;

import java.math.BigDecimal;

/** A team's budget per period ({@code month} only, for now). */
public record Budget(String team, BigDecimal amount, String currency, String period) {
}

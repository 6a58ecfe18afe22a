package dev.harbormaster.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Cost summed per day, service and currency while a source is read. Its size depends on days × services ×
 * currencies, never on the number of lines read; past {@link #MAX_KEYS} the read is refused rather than let grow.
 */
final class DailyCosts {

    static final int MAX_KEYS = 500_000;
    private static final int SPLIT_SCALE = 10;

    record Key(LocalDate day, String service, String currency) {
    }

    static final class Amounts {
        BigDecimal effective = BigDecimal.ZERO;
        BigDecimal billed = BigDecimal.ZERO;
    }

    private final Map<Key, Amounts> sums = new HashMap<>();

    /**
     * Adds one line's cost, split evenly over the services that share it; the last share takes the rounding rest so
     * the shares add up to the line exactly.
     */
    void add(LocalDate day, List<String> services, String currency, BigDecimal effective, BigDecimal billed) {
        int n = services.size();
        BigDecimal effectiveShare = n == 1 ? effective : effective.divide(BigDecimal.valueOf(n), SPLIT_SCALE, RoundingMode.HALF_EVEN);
        BigDecimal billedShare = n == 1 ? billed : billed.divide(BigDecimal.valueOf(n), SPLIT_SCALE, RoundingMode.HALF_EVEN);
        BigDecimal effectiveRest = effective;
        BigDecimal billedRest = billed;
        for (int i = 0; i < n; i++) {
            boolean last = i == n - 1;
            Amounts amounts = amounts(new Key(day, services.get(i), currency));
            amounts.effective = amounts.effective.add(last ? effectiveRest : effectiveShare);
            amounts.billed = amounts.billed.add(last ? billedRest : billedShare);
            effectiveRest = effectiveRest.subtract(effectiveShare);
            billedRest = billedRest.subtract(billedShare);
        }
    }

    private Amounts amounts(Key key) {
        Amounts amounts = sums.get(key);
        if (amounts == null) {
            if (sums.size() >= MAX_KEYS) {
                throw new IllegalStateException("more than " + MAX_KEYS + " day × service × currency sums; split the file");
            }
            amounts = new Amounts();
            sums.put(key, amounts);
        }
        return amounts;
    }

    Map<Key, Amounts> sums() {
        return sums;
    }

    SortedSet<LocalDate> days() {
        TreeSet<LocalDate> days = new TreeSet<>();
        sums.keySet().forEach(key -> days.add(key.day()));
        return days;
    }

    boolean isEmpty() {
        return sums.isEmpty();
    }
}

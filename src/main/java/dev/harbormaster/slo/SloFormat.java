package dev.harbormaster.slo;

import java.util.Locale;

/** How SLO figures read, the same in the command, the burn alert and the digest. */
public final class SloFormat {

    private SloFormat() {
    }

    /** A fraction as a percentage with three decimals: 0.9997725 → 99.977%. */
    public static String attainment(Double ratio) {
        return ratio == null ? "n/a" : String.format(Locale.ROOT, "%.3f%%", ratio * 100);
    }

    /** A budget share with one decimal, negative when overspent: 0.545 → 54.5%, −0.2 → −20.0%. */
    public static String budget(Double share) {
        return share == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** A burn rate: 40 → 40.0×. */
    public static String burn(Double rate) {
        return rate == null ? "n/a" : String.format(Locale.ROOT, "%.1f×", rate);
    }

    /** An objective as written: 99.95 → 99.95%, 99 → 99%. */
    public static String objective(double objective) {
        return (objective == Math.rint(objective) ? Long.toString((long) objective) : Double.toString(objective)) + "%";
    }
}

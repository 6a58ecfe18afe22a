package dev.harbormaster.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Amounts and changes as people read them: {@code 1,234.56 USD}, {@code +12.3 %}. */
public final class CostFormat {

    private CostFormat() {
    }

    public static String money(BigDecimal amount, String currency) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(amount.setScale(2, RoundingMode.HALF_EVEN)) + " " + currency;
    }

    /** A change in %, or "new" when there was nothing before. */
    public static String change(Double percent) {
        if (percent == null) {
            return "new";
        }
        return String.format(Locale.ROOT, "%+.1f %%", percent);
    }
}

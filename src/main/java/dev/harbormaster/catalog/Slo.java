package dev.harbormaster.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service level objective, and how Prometheus measures it.
 *
 * @param objective     target percentage, e.g. 99.9
 * @param window        the rolling window, e.g. {@code 30d}
 * @param indicator     what is measured, in words
 * @param query         PromQL giving the GOOD/TOTAL ratio over a range written {@code $window}, or null
 * @param recordingRule a Sloth-style error-ratio recording rule whose name ends in the window
 *                      ({@code slo:sli_error:ratio_rate} is read as {@code slo:sli_error:ratio_rate1h} for 1 h), with an
 *                      optional label selector ({@code slo:sli_error:ratio_rate{sloth_slo="availability"}}), or null
 */
public record Slo(String name, double objective, String window, String indicator, String query, String recordingRule) {

    /** The one placeholder a query may hold: the range, replaced by a validated duration such as {@code 5m} or {@code 30d}. */
    public static final String WINDOW = "$window";
    /** A Prometheus duration as the catalog may write it: one number and one unit. */
    public static final Pattern DURATION = Pattern.compile("^[1-9][0-9]{0,4}(ms|s|m|h|d|w|y)$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?");
    private static final Pattern RULE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^{}\\n]*\\})?$");
    private static final int MAX_QUERY = 4000;

    /** Rows stored before SLOs had queries read as SLOs that are not measured. */
    public Slo(String name, double objective, String window, String indicator) {
        this(name, objective, window, indicator, null, null);
    }

    /** Whether Prometheus can measure it. */
    public boolean measured() {
        return query != null || recordingRule != null;
    }

    /**
     * What is wrong with how this SLO is measured, one line each (empty: nothing). Checked at import so that only
     * queries the catalog vetted, with nothing but a validated duration put in, ever reach Prometheus.
     */
    public List<String> measurementProblems() {
        List<String> problems = new ArrayList<>();
        if (query != null && recordingRule != null) {
            problems.add("give either query or recordingRule, not both");
            return problems;
        }
        if (query != null) {
            if (query.isBlank()) {
                problems.add("query is empty: write PromQL giving good/total over [$window], or leave it out");
            } else if (query.length() > MAX_QUERY) {
                problems.add("query is longer than " + MAX_QUERY + " characters");
            } else {
                Matcher placeholders = PLACEHOLDER.matcher(query);
                boolean window = false;
                while (placeholders.find()) {
                    if (placeholders.group().equals(WINDOW)) {
                        window = true;
                    } else {
                        problems.add("query has an unknown placeholder \"" + placeholders.group()
                                + "\": the only one is $window (the range, e.g. [$window])");
                    }
                }
                if (!window && problems.isEmpty()) {
                    problems.add("query must measure over [$window] (e.g. rate(x[$window])) so that attainment and burn "
                            + "rates can use their own windows");
                }
            }
        }
        if (recordingRule != null && !RULE.matcher(recordingRule.strip()).matches()) {
            problems.add("recordingRule \"" + recordingRule + "\" is not a metric name with an optional {label selector}, "
                    + "e.g. slo:sli_error:ratio_rate{sloth_slo=\"availability\"}");
        }
        if (measured() && problems.isEmpty() && (window == null || !DURATION.matcher(window).matches())) {
            problems.add("window must be a Prometheus duration such as 30d or 4w when the SLO has a query");
        }
        return problems;
    }

    /**
     * The PromQL giving the GOOD/TOTAL ratio over {@code range}: the query with {@code $window} replaced, or one minus
     * the recording rule of that range. Null when the SLO is not measured or {@code range} is not a duration.
     */
    public String goodRatioQuery(String range) {
        if (range == null || !DURATION.matcher(range).matches() || !measured() || !measurementProblems().isEmpty()) {
            return null;
        }
        if (query != null) {
            return query.replace(WINDOW, range);
        }
        Matcher rule = RULE.matcher(recordingRule.strip());
        if (!rule.matches()) {
            return null;
        }
        return "1 - (" + rule.group(1) + range + (rule.group(2) == null ? "" : rule.group(2)) + ")";
    }
}

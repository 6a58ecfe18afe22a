package dev.harbormaster.slack;

import io.restassured.RestAssured;

import java.util.List;

/** What an operator's Prometheus would scrape from /q/metrics. */
final class ScrapedMetrics {

    private ScrapedMetrics() {
    }

    /** The value of one series, e.g. {@code harbormaster_slack_rejected_total{reason="bad_signature"}}; 0 when absent. */
    static double value(String series) {
        return lines(series + " ").stream().mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Every scraped sample line that starts with {@code prefix}. */
    static List<String> lines(String prefix) {
        return RestAssured.get("/q/metrics").body().asString().lines().filter(line -> line.startsWith(prefix)).toList();
    }
}

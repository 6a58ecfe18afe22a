package dev.harbormaster.catalog;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The value of a "Next page" / "Previous page" button: the filters and the page, form-encoded,
 * so the click needs no server-side state and any replica can answer it.
 */
final class ServicePageValue {

    /** Slack allows 2000 characters in a button value; the query is cut well below that. */
    private static final int MAX_QUERY = 200;

    private ServicePageValue() {
    }

    static String encode(ServiceQuery query) {
        StringBuilder value = new StringBuilder("page=").append(query.page());
        if (query.team() != null) {
            value.append("&team=").append(URLEncoder.encode(query.team(), StandardCharsets.UTF_8));
        }
        if (query.tier() != null) {
            value.append("&tier=").append(query.tier());
        }
        if (query.text() != null) {
            value.append("&query=").append(URLEncoder.encode(Mrkdwn.truncate(query.text(), MAX_QUERY), StandardCharsets.UTF_8));
        }
        return value.toString();
    }

    /** Empty when the value was not made by {@link #encode} (tampered with, or from an older version). */
    static Optional<ServiceQuery> decode(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : value.split("&")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                return Optional.empty();
            }
            fields.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        try {
            int page = Integer.parseInt(fields.getOrDefault("page", "1"));
            Integer tier = fields.containsKey("tier") ? Integer.valueOf(fields.get("tier")) : null;
            return Optional.of(new ServiceQuery(fields.get("team"), tier, fields.get("query"), page));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

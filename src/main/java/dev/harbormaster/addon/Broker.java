package dev.harbormaster.addon;

import java.net.URI;

/**
 * A registered service broker. {@code authorization} is the Authorization header value (basic or bearer); it is
 * kept out of {@link #toString()} so that no log line or message can carry it.
 */
public record Broker(String name, URI baseUrl, String authorization) {

    public Broker {
        String url = baseUrl.toString();
        baseUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    @Override
    public String toString() {
        return name + " (" + baseUrl + ")";
    }
}

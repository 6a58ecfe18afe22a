package dev.harbormaster.addon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.time.Duration;
import java.util.Optional;

/**
 * A broker's answer: status, body ({@link MissingNode} when it was not JSON) and the Retry-After it asked for.
 * The body may hold credentials (a bind answer): it is never logged or shown as a whole.
 */
public record BrokerReply(int status, JsonNode body, Optional<Duration> retryAfter) {

    public boolean successful() {
        return status >= 200 && status < 300;
    }

    /** The spec's machine-readable error code (AsyncRequired, ConcurrencyError…), if any. */
    public Optional<String> error() {
        return text("error");
    }

    public Optional<String> description() {
        return text("description");
    }

    public Optional<String> text(String field) {
        JsonNode value = body.path(field);
        return value.isTextual() && !value.textValue().isBlank() ? Optional.of(value.textValue()) : Optional.empty();
    }
}

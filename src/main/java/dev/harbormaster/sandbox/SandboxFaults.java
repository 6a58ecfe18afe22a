package dev.harbormaster.sandbox;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scripted failures for the next Web API calls of a method, served in order before the call is looked at,
 * the way Slack's edge fails: 429 with Retry-After, 5xx with an HTML page, or a plain {@code ok:false} error.
 */
@ApplicationScoped
public class SandboxFaults {

    /** One scripted answer: HTTP status, Retry-After seconds for 429, or a Slack error code with status 200. */
    /**
     * One scripted answer. With only {@code delayMs} (no status, no error) it is a slow but correct answer: the call
     * is served normally after the delay, as from a Slack that is struggling but up. With {@code served} the call is
     * carried out and then this answer replaces Slack's: a proxy that lost the answer to a post that landed.
     */
    public record Fault(int status, Integer retryAfter, String error, int delayMs, boolean served) {

        /** Longest delay the sandbox will hold a request for, so a test cannot hang a worker thread for long. */
        static final int MAX_DELAY_MS = 30_000;

        public boolean onlySlow() {
            return delayMs > 0 && status == 200 && error == null && retryAfter == null && !served;
        }
    }

    private final Map<String, Deque<Fault>> queued = new LinkedHashMap<>();

    synchronized void queue(String method, List<Fault> faults) {
        queued.computeIfAbsent(method, m -> new ArrayDeque<>()).addAll(faults);
    }

    synchronized Optional<Fault> next(String method) {
        Deque<Fault> faults = queued.get(method);
        return faults == null ? Optional.empty() : Optional.ofNullable(faults.pollFirst());
    }

    synchronized Map<String, List<Fault>> pending() {
        Map<String, List<Fault>> pending = new LinkedHashMap<>();
        queued.forEach((method, faults) -> {
            if (!faults.isEmpty()) {
                pending.put(method, List.copyOf(faults));
            }
        });
        return pending;
    }

    synchronized void clear() {
        queued.clear();
    }
}

package dev.harbormaster.sandbox;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last Web API calls the bot made, for debugging: method, time, what it was about, outcome. Never the token. */
@ApplicationScoped
public class SandboxApiLog {

    static final int KEPT = 500;

    /** {@code outcome} is "ok", Slack's error code, or "http 429" / "http 500" for a scripted fault. */
    public record Entry(String method, Instant at, String subject, int status, String outcome) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    synchronized void record(String method, String subject, int status, String outcome) {
        entries.addLast(new Entry(method, Instant.now(), subject, status, outcome));
        while (entries.size() > KEPT) {
            entries.removeFirst();
        }
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    synchronized void clear() {
        entries.clear();
    }
}

package dev.harbormaster.slack;

import com.slack.api.app_backend.interactive_components.response.Option;
import com.slack.api.bolt.App;
import com.slack.api.model.event.ReactionAddedEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static com.slack.api.model.block.composition.BlockCompositions.plainText;

/**
 * Listeners for the kinds of request no feature serves yet (or none a test can drive without a feature's
 * state): each counts its runs and answers recognisably, so a test sees whether a request reached a listener.
 */
@ApplicationScoped
public class ProbeListeners implements BoltListeners {

    static final String VIEW = "slack.test.probe-view";
    static final String SUGGEST = "slack.test.probe-suggest";
    static final String SHORTCUT = "slack.test.probe-shortcut";
    static final String SUGGESTED = "probe-option";

    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

    @Override
    public void register(App app) {
        app.viewSubmission(VIEW, (req, ctx) -> {
            ran("view_submission");
            return ctx.ackWithErrors(Map.of("probe", "seen by the probe"));
        });
        app.viewClosed(VIEW, (req, ctx) -> {
            ran("view_closed");
            return ctx.ack();
        });
        app.blockSuggestion(SUGGEST, (req, ctx) -> {
            ran("block_suggestion");
            return ctx.ack(r -> r.options(List.of(new Option(plainText(SUGGESTED), SUGGESTED))));
        });
        app.globalShortcut(SHORTCUT, (req, ctx) -> {
            ran("shortcut");
            return ctx.ack();
        });
        app.event(ReactionAddedEvent.class, (req, ctx) -> {
            ran("event");
            return ctx.ack();
        });
    }

    int runs(String kind) {
        return runs.getOrDefault(kind, new AtomicInteger()).get();
    }

    private void ran(String kind) {
        runs.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }
}

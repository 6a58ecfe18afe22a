package dev.harbormaster.deployment;

import dev.harbormaster.command.Mrkdwn;
import com.slack.api.model.block.LayoutBlock;
import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import com.slack.api.util.json.GsonFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

/**
 * The rollout message in the owning team's channel: posted when a change starts, edited in place as replicas move,
 * ending in success or failure; a failure offers a Rollback button (itself gated by approvals). Its thread replies
 * report trouble read from pods and events.
 */
public final class RolloutMessage {

    public static final String ROLLBACK_ACTION = "deployment.rollback";

    private RolloutMessage() {
    }

    /**
     * @param summary      e.g. "deploy `payments-api` 1.4.2 to `production`", escaped
     * @param rollbackTo   the revision the Rollback button restores, or null for no button
     * @param supersededBy the newer change that took over before this one ended (mrkdwn), or null
     */
    public record View(long recordId, String summary, String requesterId, RolloutProgress progress, Duration elapsed,
                       boolean simulated, Long rollbackTo, String supersededBy) {
    }

    public static String text(View view) {
        return headline(view) + " · " + (view.supersededBy() != null ? "superseded by " + view.supersededBy()
                : counts(view.progress())) + " · " + Text.elapsed(view.elapsed());
    }

    /**
     * The blocks of a finished rollout message without its Rollback button, saying which newer change followed: the
     * button would otherwise roll back over it. Blocks that cannot be read are left as they were.
     */
    static String withoutRollback(String blocksJson, String followedBy) {
        JsonArray blocks;
        try {
            blocks = JsonParser.parseString(blocksJson).getAsJsonArray();
        } catch (RuntimeException e) {
            return blocksJson;
        }
        JsonArray kept = new JsonArray();
        blocks.forEach(block -> {
            if (!block.isJsonObject() || !"actions".equals(block.getAsJsonObject().get("type").getAsString())) {
                kept.add(block);
            }
        });
        kept.add(JsonParser.parseString(GsonFactory.createSnakeCase().toJson(
                context(c -> c.elements(List.of(markdownText(":information_source: A newer change followed: " + followedBy
                        + ", so this message no longer offers to roll back.")))))));
        return kept.toString();
    }

    public static String blocksJson(View view) {
        return GsonFactory.createSnakeCase().toJson(blocks(view));
    }

    static List<LayoutBlock> blocks(View view) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String state = view.supersededBy() != null ? "Superseded by " + view.supersededBy() + " before it finished."
                : counts(view.progress()) + (view.progress() == null ? "" : "\n_" + Mrkdwn.escape(view.progress().detail()) + "_");
        blocks.add(section(s -> s.text(markdownText(headline(view) + "\n" + state))));
        blocks.add(context(c -> c.elements(List.of(markdownText("Requested by " + Text.person(view.requesterId())
                + " · elapsed " + Text.elapsed(view.elapsed()) + (view.simulated() ? " · simulated cluster" : ""))))));
        if (view.supersededBy() == null && view.progress() != null && view.progress().phase() == RolloutProgress.Phase.FAILED
                && view.rollbackTo() != null) {
            blocks.add(actions(a -> a.elements(List.of(button(b -> b.actionId(ROLLBACK_ACTION).style("danger")
                    .text(plainText("Roll back to revision " + view.rollbackTo())).value(Long.toString(view.recordId()))
                    .confirm(confirmationDialog(d -> d.title(plainText("Roll back?"))
                            .text(markdownText("Ask to " + view.summary() + " be undone by rolling back to revision "
                                    + view.rollbackTo() + ". Approvals apply as for any rollback."))
                            .confirm(plainText("Ask to roll back")).deny(plainText("Cancel")))))))));
        }
        return blocks;
    }

    private static String headline(View view) {
        if (view.supersededBy() != null) {
            return ":fast_forward: *Superseded*: " + view.summary();
        }
        RolloutProgress progress = view.progress();
        RolloutProgress.Phase phase = progress == null ? RolloutProgress.Phase.WAITING : progress.phase();
        return switch (phase) {
            case SUCCEEDED -> ":white_check_mark: *Rollout succeeded*: " + view.summary();
            case FAILED -> ":x: *Rollout failed*: " + view.summary();
            default -> ":arrows_counterclockwise: *Rolling out*: " + view.summary();
        };
    }

    private static String counts(RolloutProgress progress) {
        if (progress == null) {
            return "waiting for the cluster";
        }
        // The Deployment's readyReplicas counts the previous ReplicaSet's pods too, so a rollout whose new pods never
        // started read "3/3 ready". Count the old pods apart (taken as ready: they served before the change).
        int previous = Math.max(0, progress.total() - progress.updated());
        int readyNew = Math.max(0, Math.min(progress.updated(), progress.ready() - previous));
        return progress.updated() + "/" + progress.desired() + " updated, " + readyNew + "/" + progress.desired() + " ready"
                + (previous == 0 ? "" : ", " + previous + (previous == 1 ? " pod" : " pods") + " of the previous version still running");
    }
}

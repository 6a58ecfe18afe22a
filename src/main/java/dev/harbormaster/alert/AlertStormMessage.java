package dev.harbormaster.alert;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.slack.BlockKit;

import java.util.ArrayList;
import java.util.List;

/** The summary that stands for a storm of alert groups in one channel, edited as more groups arrive. */
public final class AlertStormMessage {

    /** How many groups the summary lists by name; the rest are counted. */
    static final int LISTED = 40;

    private AlertStormMessage() {
    }

    /** @param listed the first {@link #LISTED} groups of the storm; @param total all of them */
    public record View(AlertStorm storm, List<AlertGroup> listed, long total, long firing) {
    }

    public static String key(AlertStorm storm) {
        return key(storm.id);
    }

    public static String key(long stormId) {
        return "alert-storm:" + stormId;
    }

    public static String text(View view) {
        return "Alert storm: " + view.total() + " alert groups (" + view.firing() + " firing) since "
                + AlertGroupMessage.time(view.storm().startedAt);
    }

    public static String blocksJson(View view) {
        List<String> lines = new ArrayList<>();
        lines.add(":thunder_cloud_and_rain: *Alert storm*: " + view.total() + " alert groups since "
                + AlertGroupMessage.time(view.storm().startedAt) + ", " + view.firing() + " still firing. "
                + "Each group is recorded; see them with `alerts`. Listed here instead of one message each:");
        for (AlertGroup group : view.listed()) {
            lines.add("• " + (group.firing() ? ":rotating_light:" : ":white_check_mark:") + " "
                    + Mrkdwn.code(AlertGroupMessage.name(group), 80)
                    + (group.service == null ? "" : " on " + Mrkdwn.code(group.service, 80))
                    + (group.severity == null ? "" : " · " + Mrkdwn.escape(BlockKit.cut(group.severity, 30)))
                    + (group.summary == null ? "" : " · " + Mrkdwn.escape(BlockKit.cut(group.summary, 120))));
        }
        if (view.total() > view.listed().size()) {
            lines.add("…and " + (view.total() - view.listed().size()) + " more.");
        }
        List<LayoutBlock> blocks = BlockKit.sections(String.join("\n", lines), BlockKit.MESSAGE_BLOCKS);
        return GsonFactory.createSnakeCase().toJson(blocks);
    }
}

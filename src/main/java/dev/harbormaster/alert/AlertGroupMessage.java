package dev.harbormaster.alert;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.util.json.GsonFactory;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.slack.BlockKit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

/**
 * The one message of an alert group in the team's channel, edited in place as the group fires and resolves, and
 * the thread replies that keep its history. Every label and annotation is escaped; links are checked web URLs.
 */
public final class AlertGroupMessage {

    public static final String ACKNOWLEDGE = "alert.acknowledge";
    public static final String SILENCE_1H = "alert.silence.1h";
    public static final String SILENCE_4H = "alert.silence.4h";
    public static final String SILENCE_MORNING = "alert.silence.morning";
    public static final String SILENCE_CUSTOM = "alert.silence.custom";
    public static final String UNSILENCE = "alert.unsilence";
    /** Link buttons: Slack still sends a click, which only needs an ack. */
    public static final String LINK = "alert.link";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final int SUMMARY_LIMIT = 300;
    private static final int DESCRIPTION_LIMIT = 1500;

    private AlertGroupMessage() {
    }

    /** @param onCall the on-call to mention (critical alert of a tier-1 service), or null */
    public record View(AlertGroup group, String onCall, Instant now) {
    }

    public static String key(AlertGroup group) {
        return "alert-group:" + group.id;
    }

    public static String text(View view) {
        AlertGroup group = view.group();
        return "[" + group.status.toUpperCase() + (group.firing() ? ":" + group.firingCount : "") + "] "
                + Mrkdwn.escape(BlockKit.cut(name(group), 150)) + (group.service == null ? "" : " on " + Mrkdwn.escape(group.service))
                + (view.onCall() == null ? "" : " · on-call " + view.onCall());
    }

    public static String blocksJson(View view) {
        return GsonFactory.createSnakeCase().toJson(blocks(view));
    }

    static List<LayoutBlock> blocks(View view) {
        AlertGroup group = view.group();
        List<LayoutBlock> blocks = new ArrayList<>();
        StringBuilder head = new StringBuilder(headline(group));
        if (group.summary != null) {
            head.append("\n").append(Mrkdwn.escape(BlockKit.cut(group.summary, SUMMARY_LIMIT)));
        }
        if (group.description != null && !group.description.equals(group.summary)) {
            head.append("\n").append(Mrkdwn.escape(BlockKit.cut(group.description, DESCRIPTION_LIMIT)));
        }
        blocks.add(section(s -> s.text(markdownText(BlockKit.cut(head.toString(), BlockKit.SECTION_TEXT)))));
        blocks.add(context(c -> c.elements(List.of(markdownText(BlockKit.cut(facts(group, view.now()), BlockKit.SECTION_TEXT))))));
        List<String> notes = new ArrayList<>();
        if (view.onCall() != null && group.firing()) {
            notes.add(":pager: On-call: " + view.onCall());
        }
        if (group.acknowledgedBy != null) {
            notes.add(":eyes: Acknowledged by <@" + group.acknowledgedBy + "> at " + TIME.format(group.acknowledgedAt));
        }
        if (group.silenced(view.now())) {
            notes.add(":no_bell: Silenced by " + Mrkdwn.person(group.silencedBy) + " until " + TIME.format(group.silencedUntil)
                    + " (silence " + Mrkdwn.code(group.silenceId, 64) + ")");
        }
        if (group.routingHint != null) {
            notes.add(":information_source: " + group.routingHint);
        }
        if (!notes.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText(BlockKit.cut(String.join("\n", notes), BlockKit.SECTION_TEXT)))));
        }
        List<BlockElement> links = links(group);
        if (!links.isEmpty()) {
            blocks.add(actions(a -> a.blockId("alert-links").elements(links)));
        }
        if (group.firing()) {
            blocks.add(actions(a -> a.blockId("alert-actions").elements(buttons(group, view.now()))));
        }
        return blocks;
    }

    private static String headline(AlertGroup group) {
        String severity = group.severity == null ? "" : " · " + Mrkdwn.code(group.severity, 40);
        if (group.firing()) {
            return ":rotating_light: *Firing*" + severity + ": *" + Mrkdwn.escape(BlockKit.cut(name(group), 150)) + "*";
        }
        return ":white_check_mark: *Resolved*" + severity + ": *" + Mrkdwn.escape(BlockKit.cut(name(group), 150)) + "*"
                + (group.resolvedAt == null ? "" : " after " + duration(Duration.between(group.firstFiredAt, group.resolvedAt)));
    }

    private static String facts(AlertGroup group, Instant now) {
        List<String> facts = new ArrayList<>();
        facts.add("Service " + (group.service == null ? "_unknown_" : Mrkdwn.code(group.service, 100)));
        facts.add("environment " + (group.environment == null ? "_unknown_" : Mrkdwn.code(group.environment, 100)));
        if (group.firing()) {
            facts.add("firing for " + duration(Duration.between(group.firstFiredAt, now)) + " (since " + TIME.format(group.firstFiredAt) + ")");
            facts.add(group.firingCount + (group.firingCount == 1 ? " alert" : " alerts") + " firing"
                    + (group.alertCount > group.firingCount ? " of " + group.alertCount : ""));
        } else {
            facts.add("fired " + TIME.format(group.firstFiredAt) + (group.resolvedAt == null ? "" : ", resolved " + TIME.format(group.resolvedAt)));
        }
        return String.join(" · ", facts);
    }

    private static List<BlockElement> links(AlertGroup group) {
        List<BlockElement> links = new ArrayList<>();
        link(links, "runbook", "Runbook", group.runbookUrl);
        link(links, "source", "Source", group.sourceUrl);
        link(links, "dashboard", "Dashboard", group.dashboardUrl);
        return links;
    }

    private static void link(List<BlockElement> links, String which, String label, String url) {
        if (url != null && Mrkdwn.webUrl(url).isPresent()) {
            links.add(button(b -> b.actionId(LINK + "." + which).text(plainText(label)).url(url)));
        }
    }

    private static List<BlockElement> buttons(AlertGroup group, Instant now) {
        String value = Long.toString(group.id);
        List<BlockElement> buttons = new ArrayList<>();
        if (group.acknowledgedBy == null) {
            buttons.add(button(b -> b.actionId(ACKNOWLEDGE).style("primary").text(plainText("Acknowledge")).value(value)));
        }
        if (group.silenced(now)) {
            buttons.add(button(b -> b.actionId(UNSILENCE).text(plainText("Unsilence")).value(value)));
        } else {
            buttons.add(button(b -> b.actionId(SILENCE_1H).text(plainText("Silence 1h")).value(value)));
            buttons.add(button(b -> b.actionId(SILENCE_4H).text(plainText("Silence 4h")).value(value)));
            buttons.add(button(b -> b.actionId(SILENCE_MORNING).text(plainText("Silence until 09:00")).value(value)));
            buttons.add(button(b -> b.actionId(SILENCE_CUSTOM).text(plainText("Silence…")).value(value)));
        }
        return buttons;
    }

    static String name(AlertGroup group) {
        return group.alertname == null ? "alert group" : group.alertname;
    }

    // ---- thread replies --------------------------------------------------------------------------------

    static String firing(AlertGroup group, int before) {
        return ":rotating_light: " + group.firingCount + (group.firingCount == 1 ? " alert" : " alerts") + " firing"
                + (before == 0 ? "." : " (was " + before + ").");
    }

    static String resolved(AlertGroup group) {
        return ":white_check_mark: Resolved" + (group.resolvedAt == null ? "." : " after "
                + duration(Duration.between(group.firstFiredAt, group.resolvedAt)) + ".");
    }

    static String firingAgain(AlertGroup group) {
        return ":rotating_light: Firing again: " + group.firingCount + (group.firingCount == 1 ? " alert." : " alerts.");
    }

    static String acknowledged(String userId) {
        return ":eyes: Acknowledged by <@" + userId + ">.";
    }

    static String silenced(AlertGroup group) {
        return ":no_bell: Silenced by " + Mrkdwn.person(group.silencedBy) + " until " + TIME.format(group.silencedUntil)
                + " (silence " + Mrkdwn.code(group.silenceId, 64) + ").";
    }

    static String unsilenced(String silenceId, String userId) {
        return ":bell: Silence " + Mrkdwn.code(silenceId, 64) + " expired by <@" + userId + ">.";
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    static String duration(Duration duration) {
        long seconds = Math.max(0, Math.round(duration.toMillis() / 1000.0));
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = (seconds + 30) / 60;
        if (minutes < 60) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        return hours < 48 ? hours + "h " + (minutes % 60) + "m" : (hours / 24) + "d " + (hours % 24) + "h";
    }
}

package dev.harbormaster.dora;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.DayWindow;
import dev.harbormaster.command.Mrkdwn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

/** The DORA figures as a card, each with its trend against the window before; the digest reuses the lines. */
public final class DoraMessage {

    private DoraMessage() {
    }

    static CommandReply reply(String subject, DayWindow window, DoraFigures current, DoraFigures previous) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String title = "DORA · " + subject;
        blocks.add(header(h -> h.text(plainText(title.length() > 150 ? title.substring(0, 150) : title))));
        blocks.add(section(s -> s.fields(fields(current, previous))));
        blocks.add(context(c -> c.elements(List.of(markdownText("Last " + window.text() + " against the "
                + window.text() + " before, production environments only, from Harbormaster's deploy and alert records.")))));
        return CommandReply.ephemeral("DORA figures for " + Mrkdwn.escape(subject), blocks);
    }

    /** Four fields: deployment frequency, change failure rate, time to restore, lead time for changes. */
    public static List<TextObject> fields(DoraFigures current, DoraFigures previous) {
        List<TextObject> fields = new ArrayList<>();
        for (String line : lines(current, previous)) {
            fields.add(markdownText(line));
        }
        return fields;
    }

    public static List<String> lines(DoraFigures current, DoraFigures previous) {
        String frequency = String.format(Locale.ROOT, "%.1f/week (%d deploy%s)", current.deploysPerWeek(),
                current.deploys(), current.deploys() == 1 ? "" : "s")
                + trend(current.deploysPerWeek(), previous.deploysPerWeek(), true, previous.deploys() > 0);
        DoraFigures.Figure<Double> cfr = current.changeFailureRate();
        DoraFigures.Figure<Double> cfrBefore = previous.changeFailureRate();
        String failureRate = cfr.known()
                ? String.format(Locale.ROOT, "%.0f%% (%d of %d)", cfr.value() * 100, current.failedChanges(), current.changes())
                + trend(cfr.value(), cfrBefore.known() ? cfrBefore.value() : 0, false, cfrBefore.known())
                : unknown(cfr.unknown());
        String restore = current.timeToRestore().known()
                ? duration(current.timeToRestore().value()) + " (median of " + current.restores() + ")"
                + trendDuration(current.timeToRestore(), previous.timeToRestore())
                : unknown(current.timeToRestore().unknown());
        String lead = current.leadTime().known()
                ? duration(current.leadTime().value()) + " (median of " + current.leadTimeSamples() + ")"
                + trendDuration(current.leadTime(), previous.leadTime())
                : unknown(current.leadTime().unknown());
        return List.of("*Deployment frequency*\n" + frequency, "*Change failure rate*\n" + failureRate,
                "*Time to restore*\n" + restore, "*Lead time for changes*\n" + lead);
    }

    private static String unknown(String why) {
        return "n/a _(" + Mrkdwn.escape(why) + ")_";
    }

    private static String trendDuration(DoraFigures.Figure<Duration> now, DoraFigures.Figure<Duration> before) {
        return before.known() ? trend(now.value().toSeconds(), before.value().toSeconds(), false, true) : "";
    }

    /** An arrow and the value before; {@code higherIsBetter} only decides the wording. */
    private static String trend(double now, double before, boolean higherIsBetter, boolean comparable) {
        if (!comparable) {
            return "";
        }
        if (Math.abs(now - before) < 1e-9) {
            return " · → same as before";
        }
        boolean up = now > before;
        boolean better = up == higherIsBetter;
        return " · " + (up ? "↑" : "↓") + (better ? " better" : " worse") + " than before";
    }

    public static String duration(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 1) {
            return d.toSeconds() + " s";
        }
        if (minutes < 120) {
            return minutes + " min";
        }
        long hours = d.toHours();
        return hours < 48 ? hours + " h " + (minutes % 60) + " min" : String.format(Locale.ROOT, "%.1f days", d.toHours() / 24.0);
    }
}

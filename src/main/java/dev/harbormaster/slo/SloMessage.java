package dev.harbormaster.slo;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.slack.BlockKit;

import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/** {@code slo <service>}: one table-like section per SLO, only to the person who asked. */
final class SloMessage {

    private SloMessage() {
    }

    static CommandReply reply(String service, List<SloStatus> statuses, String slashCommand) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText("*SLOs of " + Mrkdwn.code(service) + "*"))));
        boolean demo = false;
        for (SloStatus status : statuses) {
            demo |= SloStatus.DEMO.equals(status.source());
            String heading = "*" + Mrkdwn.escape(BlockKit.cut(status.slo(), 200)) + "* · objective "
                    + SloFormat.objective(status.objective()) + " over " + Mrkdwn.escape(status.window() == null ? "30d" : status.window());
            List<TextObject> fields = List.of(
                    markdownText("*Attainment*\n" + SloFormat.attainment(status.attainment())),
                    markdownText("*Error budget left*\n" + SloFormat.budget(status.budgetLeft())),
                    markdownText("*Burn 1h / 6h*\n" + SloFormat.burn(status.burn1h()) + " / " + SloFormat.burn(status.burn6h())),
                    markdownText("*Last 8 weeks*\n" + sparkline(status.weekly())),
                    markdownText("*Source*\n" + source(status)));
            blocks.add(section(s -> s.text(markdownText(heading)).fields(fields)));
            if (status.unavailable() != null) {
                blocks.add(context(c -> c.elements(List.of(markdownText(
                        "_" + Mrkdwn.escape(BlockKit.cut(status.unavailable(), 2000)) + "_")))));
            }
        }
        blocks.add(context(c -> c.elements(List.of(markdownText(
                "Error budget left = 1 − (1 − attainment)/(1 − objective); burn rate = how many times faster than the "
                        + "window allows the budget is spent. A burn alert pages the team above 14.4× over 1h and 5m, "
                        + "or 6× over 6h and 30m.")))));
        String summary = statuses.stream().map(s -> Mrkdwn.escape(s.slo()) + " " + SloFormat.attainment(s.attainment())
                + " (budget left " + SloFormat.budget(s.budgetLeft()) + ")").reduce((a, b) -> a + ", " + b).orElse("");
        return CommandReply.ephemeral("SLOs of " + Mrkdwn.code(service) + (demo ? " (" + DemoSli.LABEL + ")" : "") + ": " + summary,
                BlockKit.fit(blocks, BlockKit.MESSAGE_BLOCKS));
    }

    static CommandReply noSlos(String service, String slashCommand) {
        return CommandReply.ephemeral(Mrkdwn.code(service) + " has no SLOs in the catalog. Add them to its descriptor under "
                + "`spec.harbormaster.slos` (name, objective, window and a `query` giving good/total over `[$window]`), "
                + "then import it again with `" + slashCommand + " catalog import`; the README's \"SLOs\" section has an example.");
    }

    private static String sparkline(List<Double> weekly) {
        String line = Sparkline.of(weekly);
        return line.isBlank() ? "n/a" : "`" + line + "`";
    }

    private static String source(SloStatus status) {
        return SloStatus.DEMO.equals(status.source()) ? ":test_tube: " + DemoSli.LABEL : "Prometheus";
    }
}

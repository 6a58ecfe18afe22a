package dev.harbormaster.digest;

import com.slack.api.model.block.ImageBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.SlackFileObject;
import com.slack.api.util.json.GsonFactory;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.cost.ServiceCost;
import dev.harbormaster.cost.TeamCost;
import dev.harbormaster.dora.DoraMessage;
import dev.harbormaster.slack.BlockKit;
import dev.harbormaster.slo.SloFormat;
import dev.harbormaster.slo.SloStatus;
import dev.harbormaster.slo.Sparkline;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

/**
 * The digest as Block Kit: one message (cost, chart, SLOs, DORA) and a thread reply with the detail (every service's
 * cost, every SLO's burn rates). A preview puts both in one ephemeral answer. Catalog names are escaped.
 */
public final class DigestMessage {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final int MOVERS = 3;

    private DigestMessage() {
    }

    static String text(DigestContent content) {
        return "Digest for " + Mrkdwn.escape(content.teamTitle()) + ", " + period(content)
                + (content.late() ? " (late)" : "");
    }

    static String mainJson(DigestContent content) {
        return GsonFactory.createSnakeCase().toJson(BlockKit.fit(main(content), BlockKit.MESSAGE_BLOCKS));
    }

    static String detailJson(DigestContent content) {
        return GsonFactory.createSnakeCase().toJson(BlockKit.fit(detail(content), BlockKit.MESSAGE_BLOCKS));
    }

    static CommandReply preview(DigestContent content) {
        List<LayoutBlock> blocks = new ArrayList<>(main(content));
        blocks.add(divider());
        blocks.addAll(detail(content));
        blocks.add(context(c -> c.elements(List.of(markdownText("Preview, only for you. The team gets it "
                + Mrkdwn.escape(schedule(content)) + " in its channel.")))));
        return CommandReply.ephemeral(text(content), BlockKit.fit(blocks, BlockKit.MESSAGE_BLOCKS));
    }

    static List<LayoutBlock> main(DigestContent content) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(BlockKit.cut("Digest · " + content.teamTitle(), BlockKit.HEADER_TEXT)))));
        blocks.add(context(c -> c.elements(List.of(markdownText(period(content) + " · team " + Mrkdwn.code(content.team())
                + " · " + content.services().size() + " service" + (content.services().size() == 1 ? "" : "s"))))));
        if (content.late()) {
            blocks.add(section(s -> s.text(markdownText(":hourglass: *This digest is late.* It was due "
                    + content.due().format(DUE) + " " + Mrkdwn.escape(content.due().getZone().getId())
                    + ", when no Harbormaster replica was running; it covers the same period it would have."))));
        }
        blocks.add(section(s -> s.text(markdownText(BlockKit.cut(costSummary(content), BlockKit.SECTION_TEXT)))));
        if (content.chartFileId() != null) {
            blocks.add(ImageBlock.builder().slackFile(SlackFileObject.builder().id(content.chartFileId()).build())
                    .altText("Daily cost per service, " + BlockKit.cut(content.teamTitle(), 100))
                    .title(plainText(BlockKit.cut("Daily cost per service", 150))).build());
        } else if (content.chartUnavailable() != null && content.cost() != null) {
            blocks.add(context(c -> c.elements(List.of(markdownText("_No chart: " + Mrkdwn.escape(content.chartUnavailable()) + "._")))));
        }
        blocks.add(section(s -> s.text(markdownText(BlockKit.cut(sloSummary(content), BlockKit.SECTION_TEXT)))));
        blocks.add(section(s -> s.text(markdownText("*Delivery (DORA), last " + content.doraDays() + " days*"))
                .fields(DoraMessage.fields(content.dora(), content.doraBefore()))));
        blocks.add(context(c -> c.elements(List.of(markdownText(BlockKit.cut(sources(content), 2000))))));
        return blocks;
    }

    static List<LayoutBlock> detail(DigestContent content) {
        StringBuilder text = new StringBuilder();
        TeamCost cost = content.cost();
        if (cost != null && !cost.services().isEmpty()) {
            text.append("*Cost per service* (").append(Mrkdwn.escape(cost.currency())).append(", this period · previous · change)\n");
            for (ServiceCost service : cost.services()) {
                text.append("• ").append(Mrkdwn.escape(service.service())).append(": ").append(money(service.current()))
                        .append(" · ").append(money(service.previous())).append(" · ").append(change(service)).append('\n');
            }
            for (String note : cost.notes()) {
                text.append("_").append(Mrkdwn.escape(note)).append("_\n");
            }
        }
        boolean anySlo = false;
        for (Map.Entry<String, List<SloStatus>> service : content.slos().entrySet()) {
            for (SloStatus slo : service.getValue()) {
                if (!anySlo) {
                    text.append("\n*Burn rates* (error budget spent per hour, 1 = exactly on budget)\n");
                    anySlo = true;
                }
                text.append("• ").append(Mrkdwn.escape(slo.service())).append(" / ").append(Mrkdwn.escape(slo.slo())).append(": ");
                text.append(slo.unavailable() != null ? "_" + Mrkdwn.escape(slo.unavailable()) + "_"
                        : "1 h " + SloFormat.burn(slo.burn1h()) + " · 6 h " + SloFormat.burn(slo.burn6h())).append('\n');
            }
        }
        text.append("\n*Delivery counts* (last ").append(content.doraDays()).append(" days): ")
                .append(content.dora().deploys()).append(" successful production deploys, ")
                .append(content.dora().failedChanges()).append(" failed or rolled back of ").append(content.dora().changes())
                .append(" finished, ").append(content.dora().restores()).append(" restores measured.");
        return BlockKit.sections(text.toString(), BlockKit.MESSAGE_BLOCKS);
    }

    private static String costSummary(DigestContent content) {
        TeamCost cost = content.cost();
        if (cost == null) {
            return "*Cost*\n_" + Mrkdwn.escape(content.costUnavailable() == null ? "not configured" : content.costUnavailable()) + "_";
        }
        StringBuilder text = new StringBuilder("*Cost* ");
        text.append(money(cost.total())).append(' ').append(Mrkdwn.escape(cost.currency()));
        if (cost.previousTotal().signum() > 0) {
            double pct = cost.total().subtract(cost.previousTotal()).doubleValue() / cost.previousTotal().doubleValue() * 100;
            text.append(String.format(Locale.ROOT, " · %s%.0f%% against the period before (%s)", pct >= 0 ? "▲ +" : "▼ ", pct,
                    money(cost.previousTotal())));
        }
        List<ServiceCost> movers = cost.topMovers().stream().filter(m -> m.percentChange() != null).limit(MOVERS).toList();
        if (!movers.isEmpty()) {
            text.append("\nTop movers: ");
            List<String> parts = new ArrayList<>();
            for (ServiceCost mover : movers) {
                parts.add(Mrkdwn.escape(mover.service()) + " " + change(mover));
            }
            text.append(String.join(", ", parts));
        }
        text.append("\nMonth to date ").append(money(cost.monthToDate())).append(", forecast ").append(money(cost.monthForecast()));
        cost.budget().ifPresentOrElse(budget -> {
            if (!budget.currency().equals(cost.currency())) {
                text.append(" · budget ").append(money(budget.amount())).append(' ').append(Mrkdwn.escape(budget.currency()))
                        .append(" (another currency, not compared)");
                return;
            }
            double share = budget.amount().signum() == 0 ? 0 : cost.monthForecast().doubleValue() / budget.amount().doubleValue() * 100;
            text.append(String.format(Locale.ROOT, " · %.0f%% of the %s budget", share, money(budget.amount())))
                    .append(share >= 100 ? " :rotating_light:" : share >= 80 ? " :warning:" : "");
        }, () -> text.append(" · no budget set"));
        return text.toString();
    }

    private static String sloSummary(DigestContent content) {
        if (content.slosUnavailable() != null) {
            return "*SLOs*\n_" + Mrkdwn.escape(content.slosUnavailable()) + "_";
        }
        List<String> lines = new ArrayList<>();
        for (List<SloStatus> statuses : content.slos().values()) {
            for (SloStatus slo : statuses) {
                String name = Mrkdwn.escape(slo.service()) + " / " + Mrkdwn.escape(slo.slo());
                if (slo.unavailable() != null) {
                    lines.add("• " + name + " (" + SloFormat.objective(slo.objective()) + " over " + Mrkdwn.escape(slo.window()) + "): _"
                            + Mrkdwn.escape(slo.unavailable()) + "_");
                } else {
                    lines.add("• " + name + ": " + SloFormat.attainment(slo.attainment()) + " of " + SloFormat.objective(slo.objective())
                            + " · budget left " + SloFormat.budget(slo.budgetLeft()) + " · " + Sparkline.of(slo.weekly())
                            + (SloStatus.DEMO.equals(slo.source()) ? " _(demo data)_" : ""));
                }
            }
        }
        return lines.isEmpty() ? "*SLOs*\n_None of the team's services declares an SLO in the catalog._"
                : "*SLOs* (attainment over each SLO's window · error budget left · last weeks)\n" + String.join("\n", lines);
    }

    private static String sources(DigestContent content) {
        return "DORA from Harbormaster's deploy and alert records (production only). "
                + (content.cost() == null ? "" : content.cost().notes().isEmpty() ? ""
                : "Cost notes: " + Mrkdwn.escape(String.join("; ", content.cost().notes())) + ".");
    }

    private static String period(DigestContent content) {
        return content.from().format(DAY) + " – " + content.to().minusDays(1).format(DAY);
    }

    private static String schedule(DigestContent content) {
        return content.schedule().text();
    }

    static String money(BigDecimal amount) {
        return amount == null ? "—" : String.format(Locale.ROOT, "%,.2f", amount.setScale(2, RoundingMode.HALF_UP));
    }

    private static String change(ServiceCost cost) {
        Double pct = cost.percentChange();
        return pct == null ? "new" : String.format(Locale.ROOT, "%s%.0f%%", pct >= 0 ? "+" : "", pct);
    }

}

package dev.harbormaster.catalog;

import com.slack.api.model.block.LayoutBlock;
import dev.harbormaster.command.CommandReply;

import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

/** {@code services}: one page of matching services, with buttons to move between pages. */
final class ServiceListMessage {

    static final String PAGE_ACTION = "catalog.services.page";

    private ServiceListMessage() {
    }

    static CommandReply reply(ServicePage page, String slashCommand) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String summary = summary(page);
        blocks.add(section(s -> s.text(markdownText(summary))));
        for (Service service : page.services()) {
            String line = "*" + Mrkdwn.escape(service.name) + "* · " + (service.tier == null ? "no tier" : "tier " + service.tier)
                    + " · " + Mrkdwn.escape(service.ownerTeam == null ? service.owner : service.ownerTeam)
                    + " · " + Mrkdwn.orDash(service.lifecycle)
                    + (service.description == null ? "" : "\n" + Mrkdwn.truncate(Mrkdwn.escape(service.description), 300));
            blocks.add(section(s -> s.text(markdownText(line))));
        }
        if (page.hasPrevious()) {
            String value = ServicePageValue.encode(page.query().withPage(page.query().page() - 1));
            blocks.add(actions(a -> a.blockId("catalog.services.previous").elements(List.of(
                    button(b -> b.actionId(PAGE_ACTION).text(plainText("Previous page")).value(value))))));
        }
        if (page.hasNext()) {
            String value = ServicePageValue.encode(page.query().withPage(page.query().page() + 1));
            blocks.add(actions(a -> a.blockId("catalog.services.next").elements(List.of(
                    button(b -> b.actionId(PAGE_ACTION).text(plainText("Next page")).value(value))))));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText("Details: `" + slashCommand + " service &lt;name&gt;` · filter: `"
                + slashCommand + " services --team &lt;team&gt; --tier &lt;1-4&gt; --query &lt;words&gt;`")))));
        return CommandReply.ephemeral(summary.replace("*", ""), blocks);
    }

    private static String summary(ServicePage page) {
        List<String> filters = new ArrayList<>();
        ServiceQuery query = page.query();
        if (query.team() != null) {
            filters.add("team " + Mrkdwn.code(query.team()));
        }
        if (query.tier() != null) {
            filters.add("tier " + query.tier());
        }
        if (query.text() != null) {
            filters.add("matching " + Mrkdwn.code(query.text()));
        }
        String what = page.total() == 1 ? "1 service" : page.total() + " services";
        String text = "*" + what + "*" + (filters.isEmpty() ? " in the catalog" : " " + String.join(", ", filters));
        if (page.total() == 0) {
            return text + ". Try fewer filters, or `services` alone to see everything.";
        }
        return text + (page.pages() > 1 ? " · page " + query.page() + " of " + page.pages() : "");
    }
}

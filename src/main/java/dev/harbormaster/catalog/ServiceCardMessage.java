package dev.harbormaster.catalog;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import dev.harbormaster.command.CommandReply;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

/** {@code service <name>}: everything the catalog knows about one service, as a card. */
final class ServiceCardMessage {

    private ServiceCardMessage() {
    }

    static CommandReply reply(ServiceDetails details, Function<String, String> person) {
        Service service = details.service();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(Mrkdwn.truncate(service.name, 150)))));
        String description = service.description == null || service.description.isBlank()
                ? "_No description._" : Mrkdwn.escape(service.description);
        blocks.add(section(s -> s.text(markdownText(Mrkdwn.truncate(description, 3000)))));
        List<TextObject> fields = new ArrayList<>();
        fields.add(markdownText("*Owner*\n" + owner(details)));
        fields.add(markdownText("*Tier*\n" + (service.tier == null ? "—" : service.tier.toString())));
        fields.add(markdownText("*Lifecycle*\n" + Mrkdwn.orDash(service.lifecycle)));
        fields.add(markdownText("*On-call*\n" + details.team().map(t -> t.onCall).filter(o -> o != null && !o.isBlank())
                .map(person).orElse("—")));
        fields.add(markdownText("*Repository*\n" + Mrkdwn.link(service.repoUrl, null)));
        fields.add(markdownText("*Runbook*\n" + Mrkdwn.link(service.runbookUrl, null)));
        fields.add(markdownText("*System*\n" + system(details)));
        fields.add(markdownText("*Cost center*\n" + Mrkdwn.orDash(service.costCenter)));
        blocks.add(section(s -> s.fields(fields)));
        if (!service.environments.isEmpty()) {
            blocks.add(divider());
            String lines = service.environments.stream().map(ServiceCardMessage::environment)
                    .collect(Collectors.joining("\n"));
            blocks.add(section(s -> s.text(markdownText(Mrkdwn.truncate("*Environments*\n" + lines, 3000)))));
        }
        if (!service.slos.isEmpty()) {
            String lines = service.slos.stream().map(ServiceCardMessage::slo).collect(Collectors.joining("\n"));
            blocks.add(section(s -> s.text(markdownText(Mrkdwn.truncate("*SLOs*\n" + lines, 3000)))));
        }
        List<String> extras = new ArrayList<>();
        if (!service.links.isEmpty()) {
            extras.add("*Links* " + service.links.stream().map(l -> Mrkdwn.link(l.url(), l.title()))
                    .collect(Collectors.joining(" · ")));
        }
        if (!service.tags.isEmpty()) {
            extras.add("*Tags* " + service.tags.stream().map(Mrkdwn::code).collect(Collectors.joining(" ")));
        }
        if (!service.dependsOn.isEmpty()) {
            extras.add("*Depends on* " + service.dependsOn.stream().map(Mrkdwn::code).collect(Collectors.joining(", ")));
        }
        if (!extras.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText(Mrkdwn.truncate(String.join("\n", extras), 3000)))));
        }
        String source = "Source: " + Mrkdwn.escape(service.sourceRef)
                + (service.sourceFile == null ? "" : " (" + Mrkdwn.escape(service.sourceFile) + ")")
                + (service.kubernetesId == null ? "" : " · kubernetes-id " + Mrkdwn.code(service.kubernetesId))
                + setInChat(service);
        blocks.add(context(c -> c.elements(List.of(markdownText(Mrkdwn.truncate(source, 3000))))));
        return CommandReply.ephemeral("Service " + Mrkdwn.escape(service.name), blocks);
    }

    /** Fields whose truth is Harbormaster's, not the file's, until the file says the same (see {@link ChatEdits}). */
    private static String setInChat(Service service) {
        if (service.chatEditedFields.isEmpty() || "chat".equals(service.sourceRef)) {
            return "";
        }
        return " · set in chat, kept over the file: " + service.chatEditedFields.stream()
                .map(name -> ChatEdits.Field.valueOf(name).label()).collect(Collectors.joining(", "));
    }

    static String owner(ServiceDetails details) {
        return details.team().map(team -> "*" + Mrkdwn.escape(team.name) + "* · " + Mrkdwn.channel(team.slackChannel))
                .orElse(Mrkdwn.code(details.service().owner) + " _(not a team in the catalog)_");
    }

    private static String system(ServiceDetails details) {
        if (details.service().system == null) {
            return "—";
        }
        return details.system()
                .map(s -> Mrkdwn.escape(s.name) + (s.description == null ? "" : " — " + Mrkdwn.escape(s.description)))
                .orElse(Mrkdwn.escape(details.service().system));
    }

    static String environment(Environment e) {
        StringBuilder line = new StringBuilder("• ").append(Mrkdwn.code(e.name)).append(' ')
                .append(Mrkdwn.orDash(e.cluster)).append('/').append(Mrkdwn.orDash(e.namespace));
        if (e.region != null) {
            line.append(" · ").append(Mrkdwn.escape(e.region));
            if (e.country != null) {
                line.append(" (").append(Mrkdwn.escape(e.country)).append(')');
            }
        }
        if (e.replicasMin != null || e.replicasMax != null) {
            line.append(" · replicas ").append(e.replicasMin == null ? "?" : e.replicasMin)
                    .append('–').append(e.replicasMax == null ? "?" : e.replicasMax);
        }
        if (e.cpu != null || e.memory != null) {
            line.append(" · ").append(Mrkdwn.orDash(e.cpu)).append(" cpu / ").append(Mrkdwn.orDash(e.memory)).append(" memory");
        }
        return line.toString();
    }

    private static String slo(Slo slo) {
        String objective = slo.objective() == Math.rint(slo.objective())
                ? Long.toString((long) slo.objective()) : Double.toString(slo.objective());
        return "• *" + Mrkdwn.escape(slo.name()) + "* " + objective + "%"
                + (slo.window() == null ? "" : " over " + Mrkdwn.escape(slo.window()))
                + (slo.indicator() == null ? "" : " — " + Mrkdwn.escape(slo.indicator()));
    }
}

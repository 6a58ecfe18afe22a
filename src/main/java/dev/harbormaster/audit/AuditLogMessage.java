package dev.harbormaster.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.block.LayoutBlock;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.command.Suggestions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/** {@code audit [service]}: entries newest first, one line each: id, when, who, what, target, details. */
final class AuditLogMessage {

    private static final Pattern SLACK_USER_ID = Pattern.compile("^[UW][A-Z0-9]{2,}$");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Slack's limit on a section's text. */
    private static final int SECTION_LIMIT = 3000;
    private static final int DETAILS_LIMIT = 200;
    /** Slack allows 50 blocks in a message; two go to the summary and the footer. */
    private static final int MAX_SECTIONS = 45;

    private AuditLogMessage() {
    }

    /**
     * @param service the service the entries are about, or null for the whole log
     * @param limit   how many entries were asked for: when all came back, there may be older ones
     */
    static CommandReply reply(List<AuditEntry> entries, String service, int limit, int maxLimit, String slashCommand) {
        String about = service == null ? "" : " about " + Mrkdwn.echo(service);
        if (entries.isEmpty()) {
            return CommandReply.ephemeral(service == null ? "The audit log is empty: nothing has been recorded yet."
                    : "No audit entries" + about + " yet.");
        }
        String summary = "*Audit log*" + about + ": " + (entries.size() == 1 ? "1 entry" : entries.size() + " entries")
                + ", newest first";
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(summary))));
        Packed packed = pack(entries);
        packed.sections().forEach(text -> blocks.add(section(s -> s.text(markdownText(text)))));
        int hiddenCount = entries.size() - packed.shown();
        String hidden = hiddenCount > 0 ? hiddenCount + " older entries did not fit. " : "";
        String older = entries.size() < limit || limit >= maxLimit ? ""
                : "Older entries: " + Mrkdwn.echo(slashCommand + " audit " + (service == null ? "" : service + " ")
                + "--limit " + maxLimit) + " · ";
        String footer = hidden + older + "Check that no entry was changed or deleted: "
                + Mrkdwn.code(slashCommand + " audit verify");
        blocks.add(context(c -> c.elements(List.of(markdownText(footer)))));
        return CommandReply.ephemeral(summary.replace("*", ""), blocks);
    }

    private record Packed(List<String> sections, int shown) {
    }

    /** One line per entry, packed into sections of at most Slack's length, and at most {@link #MAX_SECTIONS}. */
    private static Packed pack(List<AuditEntry> entries) {
        List<String> sections = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int shown = 0;
        for (AuditEntry entry : entries) {
            String line = line(entry);
            if (chunk.length() + line.length() + 1 > SECTION_LIMIT) {
                if (sections.size() + 1 == MAX_SECTIONS) {
                    break;
                }
                sections.add(chunk.toString());
                chunk.setLength(0);
            }
            chunk.append(chunk.isEmpty() ? "" : "\n").append(line);
            shown++;
        }
        sections.add(chunk.toString());
        return new Packed(sections, shown);
    }

    static CommandReply unknownService(String typed, Collection<String> names, String slashCommand) {
        String didYouMean = Suggestions.didYouMean(typed, names);
        return CommandReply.ephemeral("No service named " + Mrkdwn.echo(typed) + " in the catalog, and no audit entries"
                + " about it." + (didYouMean.isEmpty() ? "" : " " + didYouMean)
                + "\nList services with `" + slashCommand + " services`, or see the whole log with `" + slashCommand
                + " audit`.");
    }

    static CommandReply limitOutOfRange(int given, int max, String slashCommand) {
        return CommandReply.ephemeral("`--limit` must be between 1 and " + max + ", not " + given + ". For example `"
                + slashCommand + " audit --limit " + max + "`.");
    }

    private static String line(AuditEntry entry) {
        String details = details(entry.detailsJson());
        return "`#" + entry.id() + "` " + when(entry) + " · " + who(entry.actorId()) + " · *"
                + oneLine(entry.action()) + "* " + oneLine(entry.target())
                + (details.isEmpty() ? "" : " — " + details);
    }

    private static String oneLine(String text) {
        return Mrkdwn.escape(text.replaceAll("\\s+", " "));
    }

    /** Slack shows the time in the reader's time zone; the fallback is UTC. */
    private static String when(AuditEntry entry) {
        String utc = AuditChain.timestamp(entry.occurredAt()).substring(0, 19).replace('T', ' ') + " UTC";
        return "<!date^" + entry.occurredAt().getEpochSecond() + "^{date_short_pretty} {time_secs}|" + utc + ">";
    }

    private static String who(String actorId) {
        return SLACK_USER_ID.matcher(actorId).matches() ? "<@" + actorId + ">" : "_" + Mrkdwn.escape(actorId) + "_";
    }

    /** A request's parameters read as typed ({@code env=staging service=payments-api}), not as JSON. */
    private static String readable(JsonNode value) {
        if (value.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            value.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue()));
            List<String> pairs = new ArrayList<>();
            fields.forEach((key, nested) -> pairs.add(key + "=" + readable(nested)));
            return String.join(" ", pairs);
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(readable(item)));
            return String.join(", ", items);
        }
        return value.asText();
    }

    /** The details' top-level facts as {@code key: value} by key, cut short; nested objects as {@code k=v k=v}. */
    private static String details(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return Mrkdwn.escape(json);
        }
        // jsonb keeps keys shortest first; alphabetical reads better
        Map<String, JsonNode> fields = new TreeMap<>();
        node.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue()));
        List<String> facts = new ArrayList<>();
        fields.forEach((key, value) -> facts.add(key + ": " + readable(value)));
        String text = String.join(", ", facts).replaceAll("\\s+", " ");
        if (text.length() > DETAILS_LIMIT) {
            text = text.substring(0, DETAILS_LIMIT - 1) + "…";
        }
        return Mrkdwn.escape(text);
    }
}

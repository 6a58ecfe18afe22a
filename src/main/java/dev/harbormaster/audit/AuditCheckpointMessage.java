package dev.harbormaster.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.notify.OutboundMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/**
 * The checkpoint as posted to the audit channel (text for people, metadata for {@code audit verify}), and the
 * answers to {@code audit checkpoint}.
 */
final class AuditCheckpointMessage {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SLACK_USER_ID = Pattern.compile("^[UW][A-Z0-9]{2,}$");

    private AuditCheckpointMessage() {
    }

    static OutboundMessage post(String channel, AuditCheckpoints.Made made, String key, String slashCommand) {
        AuditCheckpoint.Head head = made.checkpoint().head();
        String summary = "Audit checkpoint: the audit log up to entry #" + head.lastId() + " ("
                + AuditVerificationMessage.count(head.entries(), "entry") + ")";
        List<LayoutBlock> blocks = new ArrayList<>();
        String by = AuditCheckpoints.SCHEDULE.equals(made.madeBy()) ? "Hourly checkpoint."
                : SLACK_USER_ID.matcher(made.madeBy()).matches() ? "Made by <@" + made.madeBy() + ">."
                : "Made by _" + Mrkdwn.escape(made.madeBy()) + "_.";
        blocks.add(section(s -> s.text(markdownText(":lock: *" + summary + "* at "
                + AuditVerificationMessage.date(head.at()) + ". " + by))));
        if (!made.extendsPrevious()) {
            blocks.add(section(s -> s.text(markdownText(alarm(made, slashCommand)))));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText("Head `" + head.lastHash() + "` · signature `"
                + made.checkpoint().signature() + "` · key `" + head.keyId() + "`. " + Mrkdwn.code(slashCommand + " audit verify")
                + " reads this message's metadata to check the log: do not delete it.")))));
        return OutboundMessage.post(channel, summary, blocksJson(blocks)).withKey(key).withMetadata(metadataJson(made.checkpoint()));
    }

    static CommandReply made(AuditCheckpoints.Made made, String channel, String slashCommand) {
        AuditCheckpoint.Head head = made.checkpoint().head();
        String text = ":lock: Checkpoint made: the audit log up to entry #" + head.lastId() + " ("
                + AuditVerificationMessage.count(head.entries(), "entry") + "), hash `"
                + AuditVerificationMessage.shortHash(head.lastHash()) + "…`. It goes to #"
                + Mrkdwn.escape(channel.replaceFirst("^#", "")) + " and the log, and "
                + Mrkdwn.code(slashCommand + " audit verify") + " compares the log with it from now on.";
        if (made.extendsPrevious()) {
            return CommandReply.ephemeral(text);
        }
        String alarm = alarm(made, slashCommand);
        return CommandReply.ephemeral(text + "\n" + alarm,
                List.of(section(s -> s.text(markdownText(text))), section(s -> s.text(markdownText(alarm)))));
    }

    static CommandReply refused(String adminTeam, String slashCommand) {
        return CommandReply.ephemeral(":no_entry: Only platform admins (members of " + Mrkdwn.code(adminTeam)
                + ") can make an audit checkpoint. One is made every hour anyway; anyone can check the log with "
                + Mrkdwn.code(slashCommand + " audit verify") + ".");
    }

    private static String alarm(AuditCheckpoints.Made made, String slashCommand) {
        ChainVerification since = made.since();
        AuditCheckpoint from = made.previous().orElse(made.checkpoint());
        String what = made.previous().isPresent()
                ? "The log does not extend the previous checkpoint (entry #" + from.head().lastId() + " at "
                + AuditVerificationMessage.date(from.head().at()) + ")"
                : "The log's newest entry is not sound";
        return ":rotating_light: " + what + ": " + AuditVerificationMessage.count(since.problemCount(), "problem")
                + ", the first: " + AuditVerificationMessage.describe(since.problems().get(0), since)
                + " Run " + Mrkdwn.code(slashCommand + " audit verify") + " and tell the platform team.";
    }

    private static String metadataJson(AuditCheckpoint checkpoint) {
        try {
            return JSON.writeValueAsString(Map.of("event_type", AuditCheckpoint.EVENT_TYPE, "event_payload", checkpoint.payload()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A checkpoint's metadata is always JSON-able", e);
        }
    }

    private static String blocksJson(List<LayoutBlock> blocks) {
        return GsonFactory.createSnakeCase().toJson(blocks);
    }
}

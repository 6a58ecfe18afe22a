package dev.harbormaster.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.util.json.GsonFactory;
import dev.harbormaster.audit.ChainVerification.Break;
import dev.harbormaster.audit.ChainVerification.Kind;
import dev.harbormaster.command.CommandReply;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code audit verify}'s answer stays within Block Kit's limits however many problems there are. */
class AuditVerificationMessageTest {

    private static final AuditCheckpoints.Known NO_CHECKPOINT =
            new AuditCheckpoints.Known("platform-audit", List.of(), 0, Optional.empty());

    /** Every text of the reply's blocks, one a line, as Slack would show them. */
    private static String shown(CommandReply reply) throws Exception {
        StringBuilder texts = new StringBuilder();
        for (JsonNode block : new ObjectMapper().readTree(GsonFactory.createSnakeCase().toJson(reply.blocks()))) {
            texts.append(block.path("text").path("text").asText("")).append('\n');
            block.path("elements").forEach(element -> texts.append(element.path("text").asText("")).append('\n'));
        }
        return texts.toString();
    }

    @Test
    void thousandsOfProblemsAreListedFirstOnesFirstWithinSlacksLimitsAndTheRestCounted() throws Exception {
        List<Break> problems = new ArrayList<>();
        for (long id = 2; problems.size() < ChainWalk.MAX_LISTED; id += 2) {
            problems.add(new Break(Kind.MISSING, id, id));
        }
        ChainVerification result = new ChainVerification(5_000, 10_000, "a".repeat(64), 1, problems, 4_500, NO_CHECKPOINT);

        CommandReply reply = AuditVerificationMessage.reply(result, "/platform");

        JsonNode blocks = new ObjectMapper().readTree(GsonFactory.createSnakeCase().toJson(reply.blocks()));
        assertTrue(blocks.size() <= 50, "blocks: " + blocks.size());
        StringBuilder all = new StringBuilder();
        for (JsonNode block : blocks) {
            String text = block.path("text").path("text").asText("");
            assertTrue(text.length() <= 3000, "a section of " + text.length() + " characters");
            all.append(text).append('\n');
        }
        String shown = all.toString();
        assertTrue(reply.text().startsWith(":rotating_light: The audit log was tampered with: 5000 problems, listed below."
                + " Entry #1 before the first is intact."), reply.text());
        assertTrue(shown.contains("• entry #2 was deleted: the chain jumps from #1 to #3."), shown);
        assertTrue(shown.contains("• entry #" + (2 * AuditVerificationMessage.MAX_SHOWN) + " was deleted"), shown);
        assertTrue(shown.contains("… and " + (5_000 - AuditVerificationMessage.MAX_SHOWN) + " more."), shown);
        assertTrue(reply.text().length() <= 3000);
    }

    @Test
    void withoutACheckpointItSaysTruncationCannotBeSeenAndHowToMakeOne() throws Exception {
        ChainVerification intact = new ChainVerification(3, 3, "a".repeat(64), 1, List.of(), 0, NO_CHECKPOINT);
        String context = shown(AuditVerificationMessage.reply(intact, "/platform"));
        assertTrue(context.contains("No checkpoint yet, so entries removed from the end cannot be found."), context);
        assertTrue(context.contains("`/platform audit checkpoint`"), context);
    }

    @Test
    void aCheckpointFromTheChannelIsNamedWithWhatItRecorded() throws Exception {
        AuditCheckpoint checkpoint = new AuditCheckpoint(new AuditCheckpoint.Head(40, 40, "b".repeat(64),
                Instant.parse("2026-11-24T10:00:00Z"), "0123456789abcdef"), "c".repeat(64), AuditCheckpoint.Source.CHANNEL);
        AuditCheckpoints.Known known = new AuditCheckpoints.Known("platform-audit", List.of(checkpoint), 2, Optional.empty());
        ChainVerification intact = new ChainVerification(42, 42, "a".repeat(64), 3, List.of(), 0, known);
        String shown = shown(AuditVerificationMessage.reply(intact, "/platform"));
        assertTrue(shown.contains("the newest in #platform-audit is entry #40 (40 entries) at <!date^1795514400^"), shown);
        assertTrue(shown.contains("Entries after #40 are not checkpointed yet: removing them from the end would not show."), shown);
        assertTrue(shown.contains("2 checkpoints with an invalid signature were ignored"), shown);
        assertTrue(shown.contains("Entries #1 to #2 were written before the audit key was adopted"), shown);
    }

    @Test
    void anUnreadableChannelIsSaidWithTheFallbackAndItsWeakness() throws Exception {
        AuditCheckpoint copy = new AuditCheckpoint(new AuditCheckpoint.Head(40, 40, "b".repeat(64),
                Instant.parse("2026-11-24T10:00:00Z"), "0123456789abcdef"), "c".repeat(64), AuditCheckpoint.Source.DATABASE);
        AuditCheckpoints.Known known = new AuditCheckpoints.Known("platform-audit", List.of(copy), 0, Optional.of("not_in_channel"));
        ChainVerification intact = new ChainVerification(40, 40, "b".repeat(64), 1, List.of(), 0, known);
        String shown = shown(AuditVerificationMessage.reply(intact, "/platform"));
        assertTrue(shown.contains("The checkpoints in #platform-audit could not be read (`not_in_channel`)"), shown);
        assertTrue(shown.contains("Compared with the copies kept in the database instead"), shown);
        assertEquals(-1, shown.indexOf("not checkpointed yet"), shown);
    }
}

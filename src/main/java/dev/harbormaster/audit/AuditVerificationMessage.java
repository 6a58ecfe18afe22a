package dev.harbormaster.audit;

import com.slack.api.model.block.LayoutBlock;
import dev.harbormaster.command.CommandReply;

import java.util.List;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/** {@code audit verify}: the chain is intact, or where it first breaks and what that means. */
final class AuditVerificationMessage {

    private static final int SHOWN_HASH_LENGTH = 16;

    private AuditVerificationMessage() {
    }

    static CommandReply reply(ChainVerification result) {
        String text = result.problem().map(problem -> broken(problem, result)).orElseGet(() -> intact(result));
        String head = result.lastId() == 0 ? "No intact entry yet."
                : "Last intact entry: #" + result.lastId() + ", hash `" + result.lastHash().substring(0, SHOWN_HASH_LENGTH)
                + "…`. A hash chain cannot show entries cut off its end: note this and compare at the next check.";
        List<LayoutBlock> blocks = List.of(
                section(s -> s.text(markdownText(text))),
                context(c -> c.elements(List.of(markdownText(head)))));
        return CommandReply.ephemeral(text, blocks);
    }

    private static String intact(ChainVerification result) {
        if (result.checked() == 0) {
            return ":white_check_mark: The audit log is empty: nothing to check.";
        }
        return ":white_check_mark: The audit chain of " + entries(result.checked())
                + " is intact: no entry was changed or deleted.";
    }

    private static String broken(ChainVerification.Break problem, ChainVerification result) {
        long id = problem.entryId();
        String what = switch (problem.kind()) {
            case ALTERED -> "entry #" + id + " was altered after it was written: its content no longer matches its hash.";
            case LINK_BROKEN -> id == 1 ? "entry #1 no longer starts the chain: its link was edited."
                    : "entry #" + (id - 1) + " was altered or replaced: entry #" + id + " no longer links to it.";
            case MISSING -> (problem.untilId() == id ? "entry #" + id + " was deleted"
                    : "entries #" + id + " to #" + problem.untilId() + " were deleted")
                    + (id == 1 ? ": the chain starts at #" : ": the chain jumps from #" + (id - 1) + " to #")
                    + (problem.untilId() + 1) + ".";
        };
        String before = problem.kind() == ChainVerification.Kind.LINK_BROKEN || result.checked() == 0 ? ""
                : result.checked() == 1 ? " Entry #1 before it is intact."
                : " Entries #1 to #" + result.lastId() + " before it are intact.";
        return ":rotating_light: The audit log was tampered with: " + what + before
                + " Tell the platform team; nothing after this point can be trusted until they have looked.";
    }

    private static String entries(long count) {
        return count == 1 ? "1 entry" : count + " entries";
    }
}

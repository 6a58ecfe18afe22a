package dev.harbormaster.audit;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.ContextBlockElement;
import dev.harbormaster.audit.ChainVerification.Break;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/**
 * {@code audit verify}: the chain is intact, or every problem found, first ones first, within Block Kit's limits
 * (3,000 characters a section, 50 blocks a message); then what the chain was compared with.
 */
final class AuditVerificationMessage {

    static final int SHOWN_HASH_LENGTH = 16;
    /** Slack's limit on a section's text. */
    private static final int SECTION_LIMIT = 3000;
    /** Problems listed at most; more would drown the first ones, which matter most. */
    static final int MAX_SHOWN = 100;
    /** Slack allows 50 blocks; the headline and the context take two, "… and N more" one. */
    private static final int MAX_SECTIONS = 45;

    private AuditVerificationMessage() {
    }

    static CommandReply reply(ChainVerification result, String slashCommand) {
        String headline = result.intact() ? intact(result) : tampered(result);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(headline))));
        if (result.problemCount() > 1) {
            blocks.addAll(problemList(result));
        }
        List<ContextBlockElement> notes = new ArrayList<>();
        notes.add(markdownText(checkpointNote(result, slashCommand)));
        if (result.checkpoints().invalid() > 0) {
            notes.add(markdownText(":warning: " + count(result.checkpoints().invalid(), "checkpoint")
                    + " with an invalid signature " + (result.checkpoints().invalid() == 1 ? "was" : "were")
                    + " ignored: not made with this audit key (forged, or edited)."));
        }
        if (result.keyedFrom() > 1) {
            long keyed = result.keyedFrom();
            notes.add(markdownText((keyed == 2 ? "Entry #1 was" : "Entries #1 to #" + (keyed - 1) + " were")
                    + " written before the audit key was adopted: their plain SHA-256 hashes are checked as before,"
                    + " anchored by the keyed entry #" + keyed + " that links to them."));
        }
        blocks.add(context(c -> c.elements(notes)));
        return CommandReply.ephemeral(headline, blocks);
    }

    private static String intact(ChainVerification result) {
        if (result.checked() == 0) {
            return ":white_check_mark: The audit log is empty: nothing to check.";
        }
        return ":white_check_mark: The audit chain of " + count(result.checked(), "entry")
                + " is intact: no entry was changed or deleted.";
    }

    private static String tampered(ChainVerification result) {
        Break first = result.problems().get(0);
        String what = result.problemCount() == 1 ? describe(first, result)
                : result.problemCount() + " problems, listed below.";
        String before = intactBefore(first, result.problemCount() == 1 ? "it" : "the first");
        return ":rotating_light: The audit log was tampered with: " + what + before
                + " Tell the platform team; nothing after this point can be trusted until they have looked.";
    }

    /** Entries before the first problem were checked and found sound, unless the problem itself casts doubt on them. */
    private static String intactBefore(Break first, String it) {
        long id = first.entryId();
        boolean doubtsEarlier = switch (first.kind()) {
            case LINK_BROKEN, NOT_AS_CHECKPOINTED, NEVER_KEYED -> true;
            default -> false;
        };
        if (doubtsEarlier || id <= 1) {
            return "";
        }
        return id == 2 ? " Entry #1 before " + it + " is intact." : " Entries #1 to #" + (id - 1) + " before " + it + " are intact.";
    }

    private static List<LayoutBlock> problemList(ChainVerification result) {
        List<LayoutBlock> blocks = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int shown = 0;
        for (Break problem : result.problems()) {
            if (shown == MAX_SHOWN) {
                break;
            }
            String line = "• " + describe(problem, result);
            if (chunk.length() + line.length() + 1 > SECTION_LIMIT) {
                if (blocks.size() + 1 == MAX_SECTIONS) {
                    break;
                }
                String text = chunk.toString();
                blocks.add(section(s -> s.text(markdownText(text))));
                chunk.setLength(0);
            }
            chunk.append(chunk.isEmpty() ? "" : "\n").append(line);
            shown++;
        }
        String text = chunk.toString();
        blocks.add(section(s -> s.text(markdownText(text))));
        long more = result.problemCount() - shown;
        if (more > 0) {
            blocks.add(section(s -> s.text(markdownText("… and " + more + " more."))));
        }
        return blocks;
    }

    /** One problem in a sentence that says what happened to which entries. */
    static String describe(Break problem, ChainVerification result) {
        long id = problem.entryId();
        long until = problem.untilId();
        boolean one = id == until;
        return switch (problem.kind()) {
            case ALTERED -> one ? "entry #" + id + " was altered after it was written: its content no longer matches its hash."
                    : "entries #" + id + " to #" + until + " were altered after they were written: their contents no longer"
                    + " match their hashes.";
            case UNKEYED -> (one ? "entry #" + id + " was not written by Harbormaster: its hash is a plain SHA-256,"
                    : "entries #" + id + " to #" + until + " were not written by Harbormaster: their hashes are plain SHA-256,")
                    + " not keyed with the audit key, so someone without the key inserted, renumbered or re-hashed "
                    + (one ? "it." : "them.");
            case LINK_BROKEN -> id == 1 ? "entry #1 no longer starts the chain: its link was edited."
                    : id == result.keyedFrom() ? "the entries before #" + id + " were rewritten: the keyed entry #" + id
                    + " no longer links to #" + (id - 1) + "."
                    : "entry #" + (id - 1) + " was altered or replaced: entry #" + id + " no longer links to it.";
            case MISSING -> (one ? "entry #" + id + " was deleted" : "entries #" + id + " to #" + until + " were deleted")
                    + (id == 1 ? ": the chain starts at #" : ": the chain jumps from #" + (id - 1) + " to #") + (until + 1) + ".";
            case NOT_AS_CHECKPOINTED -> "entry #" + until + " is not the one " + checkpoint(problem.checkpoint())
                    + " recorded (hash `" + shortHash(problem.checkpoint().head().lastHash()) + "…`): "
                    + (one ? "it was replaced or re-hashed since." : "entries #" + id + " to #" + until
                    + " were removed, replaced or re-hashed since.");
            case TRUNCATED -> (one ? "entry #" + id + " was" : "entries #" + id + " to #" + until + " were")
                    + " removed from the end: " + checkpoint(problem.checkpoint()) + " recorded the log up to #" + until
                    + (id == 1 ? ", and it is now empty." : ", and it now ends at #" + (id - 1) + ".");
            case NEVER_KEYED -> until == 0
                    ? "every entry was deleted: the log is empty, although Harbormaster wrote `audit.key_adopted` when it"
                    + " first started with its audit key."
                    : "no entry carries a keyed hash, although Harbormaster starts the keyed chain with `audit.key_adopted`"
                    + " when it first starts with its audit key: that entry and all after it were deleted or re-hashed"
                    + " without the key.";
        };
    }

    private static String checkpointNote(ChainVerification result, String slashCommand) {
        AuditCheckpoints.Known known = result.checkpoints();
        String channel = "#" + Mrkdwn.escape(known.channel().replaceFirst("^#", ""));
        Optional<AuditCheckpoint> fromChannel = known.newest(AuditCheckpoint.Source.CHANNEL);
        Optional<AuditCheckpoint> fromDatabase = known.newest(AuditCheckpoint.Source.DATABASE);
        StringBuilder note = new StringBuilder();
        known.channelProblem().ifPresent(problem -> note.append(":warning: The checkpoints in ").append(channel)
                .append(" could not be read (").append(Mrkdwn.code(problem)).append("): the bot must be in the channel,")
                .append(" with the `channels:history` scope (`groups:history` if it is private). "));
        Optional<AuditCheckpoint> newest;
        if (fromChannel.isPresent()) {
            newest = fromChannel;
            note.append("Compared with ").append(count(known.valid().size(), "signed checkpoint")).append("; the newest in ")
                    .append(channel).append(" is ").append(where(fromChannel.get())).append(".");
        } else if (fromDatabase.isPresent()) {
            newest = fromDatabase;
            note.append(known.channelProblem().isPresent() ? "" : "No checkpoint in " + channel + ". ")
                    .append("Compared with the copies kept in the database instead (newest: ").append(where(fromDatabase.get()))
                    .append("), which whoever can write the table could have deleted.");
        } else {
            return note.append("No checkpoint yet, so entries removed from the end cannot be found. One is made every hour;")
                    .append(" platform admins can make one now with ").append(Mrkdwn.code(slashCommand + " audit checkpoint"))
                    .append(".").toString();
        }
        long checkpointed = newest.get().head().lastId();
        if (result.lastId() > checkpointed) {
            note.append(" Entries after #").append(checkpointed)
                    .append(" are not checkpointed yet: removing them from the end would not show.");
        }
        return note.toString();
    }

    private static String where(AuditCheckpoint checkpoint) {
        AuditCheckpoint.Head head = checkpoint.head();
        return "entry #" + head.lastId() + " (" + count(head.entries(), "entry") + ") at " + date(head.at())
                + ", hash `" + shortHash(head.lastHash()) + "…`";
    }

    static String checkpoint(AuditCheckpoint checkpoint) {
        return "the checkpoint of " + date(checkpoint.head().at());
    }

    /** Slack shows the time in the reader's time zone; the fallback is UTC. */
    static String date(Instant at) {
        String utc = at.toString().substring(0, 16).replace('T', ' ') + " UTC";
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + utc + ">";
    }

    static String shortHash(String hash) {
        return hash.substring(0, Math.min(SHOWN_HASH_LENGTH, hash.length()));
    }

    static String count(long n, String noun) {
        return n == 1 ? "1 " + noun : n + " " + (noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s");
    }
}

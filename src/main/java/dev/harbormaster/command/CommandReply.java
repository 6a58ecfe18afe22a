package dev.harbormaster.command;

import com.slack.api.model.block.LayoutBlock;

import java.util.List;

/**
 * What a command answers: a message visible only to the caller (the default), one posted in the
 * channel, or nothing (for example when it opened a modal).
 */
public record CommandReply(Visibility visibility, String text, List<LayoutBlock> blocks) {

    public enum Visibility { EPHEMERAL, IN_CHANNEL, NONE }

    public CommandReply {
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
    }

    public static CommandReply ephemeral(String text) {
        return new CommandReply(Visibility.EPHEMERAL, text, List.of());
    }

    public static CommandReply ephemeral(String text, List<LayoutBlock> blocks) {
        return new CommandReply(Visibility.EPHEMERAL, text, blocks);
    }

    public static CommandReply inChannel(String text, List<LayoutBlock> blocks) {
        return new CommandReply(Visibility.IN_CHANNEL, text, blocks);
    }

    public static CommandReply nothing() {
        return new CommandReply(Visibility.NONE, "", List.of());
    }
}

package dev.harbormaster.command;

/** Who ran a command, and where: as Slack sent it. Authorization uses {@link #userId()} only. */
public record Caller(String userId, String userName, String teamId, String channelId, String channelName,
                     String triggerId, String responseUrl) {
}

package dev.harbormaster.catalog;

import com.slack.api.model.view.View;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.notify.SlackGateway;

/** Opens a modal for a command; a refused trigger (they expire after 3 seconds) becomes a retry hint. */
final class ModalOpening {

    private ModalOpening() {
    }

    static CommandReply open(SlackGateway gateway, String triggerId, View view) {
        try {
            gateway.openView(triggerId, view);
            return CommandReply.nothing();
        } catch (SlackGateway.SlackCallFailed e) {
            return CommandReply.ephemeral(":warning: Slack would not open the form (" + Mrkdwn.escape(e.error())
                    + "). Run the command again; forms must open within 3 seconds of it.");
        }
    }
}

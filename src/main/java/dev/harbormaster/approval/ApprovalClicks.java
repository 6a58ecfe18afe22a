package dev.harbormaster.approval;

import com.slack.api.model.view.ViewState;
import dev.harbormaster.notify.SlackGateway;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;

/**
 * What the approval buttons and the reject form do. The clicker is who Slack says clicked (a signed
 * payload); the button value only says which request, and that request is re-read and the clicker
 * re-authorised every time.
 */
@ApplicationScoped
public class ApprovalClicks {

    private static final Logger LOG = Logger.getLogger(ApprovalClicks.class);

    @Inject
    ApprovalEngine engine;
    @Inject
    ApprovalRequestRepository requests;
    @Inject
    NewTransaction tx;
    @Inject
    SlackGateway gateway;
    @Inject
    SlackConnection connection;

    @ActivateRequestContext
    public EngineAnswer approve(String buttonValue, String userId) {
        return RequestNumber.parse(buttonValue).map(id -> engine.vote(id, userId, true, null)).orElseGet(this::badButton);
    }

    @ActivateRequestContext
    public EngineAnswer acknowledge(String buttonValue, String userId) {
        return RequestNumber.parse(buttonValue).map(id -> engine.acknowledge(id, userId)).orElseGet(this::badButton);
    }

    /** Opens the reason form when this person may reject; otherwise says why not. Empty when the form opened. */
    @ActivateRequestContext
    public Optional<EngineAnswer> openReject(String buttonValue, String userId, String triggerId, String channel) {
        Optional<Long> id = RequestNumber.parse(buttonValue);
        if (id.isEmpty()) {
            return Optional.of(badButton());
        }
        Optional<String> refusal = engine.whyNotVote(id.get(), userId, false);
        if (refusal.isPresent()) {
            return Optional.of(EngineAnswer.refused(refusal.get()));
        }
        String summary = tx.call(() -> requests.findById(id.get()).summary);
        try {
            gateway.openView(triggerId, RejectReasonModal.view(id.get(), summary, channel));
            return Optional.empty();
        } catch (SlackGateway.SlackCallFailed e) {
            LOG.warnf("Could not open the reject form for #%d: %s", id.get(), e.error());
            return Optional.of(EngineAnswer.refused("The form did not open. Reject with `" + connection.slashCommand()
                    + " reject " + id.get() + " <reason>` instead."));
        }
    }

    /** The reject form submitted: errors to show in the form (by block id), empty when the rejection was taken. */
    @ActivateRequestContext
    public Map<String, String> submitReject(String userId, ViewState state, String privateMetadata) {
        RejectReasonModal.Metadata metadata = RejectReasonModal.metadata(privateMetadata);
        Optional<String> reason = RejectReasonModal.reason(state);
        if (reason.isEmpty()) {
            return Map.of(RejectReasonModal.REASON_BLOCK, "Say why, so the requester knows what to change.");
        }
        if (metadata.request() == null) {
            return Map.of(RejectReasonModal.REASON_BLOCK, "This form is from an older message; click Reject again.");
        }
        EngineAnswer answer = engine.vote(metadata.request(), userId, false, reason.get());
        if (!answer.accepted()) {
            return Map.of(RejectReasonModal.REASON_BLOCK, plain(answer.message()));
        }
        if (metadata.channel() != null) {
            try {
                gateway.postEphemeral(metadata.channel(), userId, answer.message(), null);
            } catch (SlackGateway.SlackCallFailed e) {
                LOG.debugf("Could not confirm a rejection to %s: %s", userId, e.error());
            }
        }
        return Map.of();
    }

    private EngineAnswer badButton() {
        return EngineAnswer.refused("That button does not name a request. Type `" + connection.slashCommand()
                + " approvals` to see the requests waiting for you.");
    }

    /** Modal errors are plain text: mentions and code marks would show as raw markup. */
    private static String plain(String mrkdwn) {
        return mrkdwn.replace("`", "").replaceAll("<@([A-Z0-9]+)>", "$1").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}

package dev.harbormaster.audit;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.request.conversations.ConversationsHistoryRequest;
import com.slack.api.methods.request.conversations.ConversationsListRequest;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.model.Message;
import com.slack.api.model.ResponseMetadata;
import dev.harbormaster.notify.SlackGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads checkpoints back from the audit channel: the newest messages first ({@code conversations.history} with
 * {@code include_all_metadata}), keeping those whose metadata is a checkpoint. It never trusts them: the caller
 * checks each signature. Needs the {@code channels:history} (or {@code groups:history}) scope and the bot in
 * the channel.
 */
@ApplicationScoped
class AuditCheckpointChannel {

    /** At most this many of the channel's newest messages are read: hourly checkpoints over some six weeks. */
    static final int PAGE_SIZE = 200;
    static final int MAX_PAGES = 5;
    private static final int MAX_LIST_PAGES = 20;
    /** Channel names are lower case in Slack; ids are upper case. */
    private static final Pattern CHANNEL_ID = Pattern.compile("[CG][A-Z0-9]{2,}");

    @Inject
    SlackGateway gateway;
    @Inject
    AuditSettings settings;

    /**
     * @param checkpoints checkpoints found in message metadata, newest first, signatures not yet checked
     * @param malformed   checkpoint messages whose metadata is not a checkpoint
     * @param problem     why the channel could not be read (all of it or from some page on), as Slack said it
     */
    record Read(List<AuditCheckpoint> checkpoints, int malformed, Optional<String> problem) {
    }

    Read read() {
        List<AuditCheckpoint> found = new ArrayList<>();
        int malformed = 0;
        try {
            MethodsClient methods = gateway.methods();
            String channelId = channelId(methods);
            String cursor = null;
            for (int page = 0; page < MAX_PAGES; page++) {
                ConversationsHistoryResponse history = methods.conversationsHistory(ConversationsHistoryRequest.builder()
                        .channel(channelId).limit(PAGE_SIZE).includeAllMetadata(true).cursor(cursor).build());
                if (!history.isOk()) {
                    return new Read(found, malformed, Optional.of(history.getError()));
                }
                for (Message message : history.getMessages()) {
                    if (message.getMetadata() == null || !AuditCheckpoint.EVENT_TYPE.equals(message.getMetadata().getEventType())) {
                        continue;
                    }
                    Optional<AuditCheckpoint> checkpoint = AuditCheckpoint.fromPayload(message.getMetadata().getEventPayload(),
                            AuditCheckpoint.Source.CHANNEL);
                    if (checkpoint.isPresent()) {
                        found.add(checkpoint.get());
                    } else {
                        malformed++;
                    }
                }
                cursor = nextCursor(history.getResponseMetadata());
                if (!history.isHasMore() || cursor == null) {
                    break;
                }
            }
            return new Read(found, malformed, Optional.empty());
        } catch (Unreadable e) {
            return new Read(found, malformed, Optional.of(e.getMessage()));
        } catch (SlackApiException e) {
            return new Read(found, malformed, Optional.of("http_" + e.getResponse().code()));
        } catch (IOException e) {
            return new Read(found, malformed, Optional.of("network"));
        }
    }

    /** The configured channel's id: as given, or looked up by name (conversations.history takes ids only). */
    private String channelId(MethodsClient methods) throws IOException, SlackApiException {
        String configured = settings.channel().strip();
        String name = configured.startsWith("#") ? configured.substring(1) : configured;
        if (CHANNEL_ID.matcher(name).matches()) {
            return name;
        }
        String cursor = null;
        for (int page = 0; page < MAX_LIST_PAGES; page++) {
            ConversationsListResponse list = methods.conversationsList(ConversationsListRequest.builder()
                    .types(List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL))
                    .excludeArchived(true).limit(1000).cursor(cursor).build());
            if (!list.isOk()) {
                throw new Unreadable(list.getError());
            }
            for (Conversation channel : list.getChannels()) {
                if (name.equals(channel.getName())) {
                    return channel.getId();
                }
            }
            cursor = nextCursor(list.getResponseMetadata());
            if (cursor == null) {
                break;
            }
        }
        throw new Unreadable("channel_not_found");
    }

    private static String nextCursor(ResponseMetadata metadata) {
        String cursor = metadata == null ? null : metadata.getNextCursor();
        return cursor == null || cursor.isBlank() ? null : cursor;
    }

    /** Slack's error code for a channel that cannot be read. */
    private static final class Unreadable extends RuntimeException {
        Unreadable(String error) {
            super(error, null, false, false);
        }
    }
}

package dev.harbormaster.notify;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.request.conversations.ConversationsHistoryRequest;
import com.slack.api.methods.request.conversations.ConversationsRepliesRequest;
import com.slack.api.methods.request.conversations.ConversationsListRequest;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.model.Message;
import com.slack.api.model.ResponseMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads what the bot left in a channel's message metadata, newest first ({@code conversations.history} with
 * {@code include_all_metadata}): records kept outside the database, such as audit checkpoints. Needs the
 * {@code channels:history} (or {@code groups:history}, {@code im:history} for the bot's DMs) scope and the bot in the channel.
 */
@ApplicationScoped
public class ChannelHistory {

    private static final int MAX_LIST_PAGES = 20;
    /** Channel names are lower case in Slack; ids are upper case. */
    private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{2,}");

    @Inject
    SlackGateway gateway;

    /**
     * @param payloads the {@code event_payload} of every message whose metadata has the event type, newest first
     * @param problem  why the channel could not be read (all of it or from some page on), as Slack said it
     */
    public record Found(List<Map<String, Object>> payloads, Optional<String> problem) {
    }

    /** The payloads of {@code eventType} among the newest {@code pageSize × maxPages} messages of {@code channel}. */
    public Found metadata(String channel, String eventType, int pageSize, int maxPages) {
        List<Map<String, Object>> found = new ArrayList<>();
        try {
            MethodsClient methods = gateway.methods();
            String channelId = channelId(methods, channel);
            String cursor = null;
            for (int page = 0; page < maxPages; page++) {
                ConversationsHistoryResponse history = methods.conversationsHistory(ConversationsHistoryRequest.builder()
                        .channel(channelId).limit(pageSize).includeAllMetadata(true).cursor(cursor).build());
                if (!history.isOk()) {
                    return new Found(found, Optional.of(history.getError()));
                }
                for (Message message : history.getMessages()) {
                    if (message.getMetadata() != null && eventType.equals(message.getMetadata().getEventType())) {
                        found.add(message.getMetadata().getEventPayload());
                    }
                }
                cursor = nextCursor(history.getResponseMetadata());
                if (!history.isHasMore() || cursor == null) {
                    break;
                }
            }
            return new Found(found, Optional.empty());
        } catch (Unreadable e) {
            return new Found(found, Optional.of(e.getMessage()));
        } catch (SlackApiException e) {
            return new Found(found, Optional.of("http_" + e.getResponse().code()));
        } catch (IOException e) {
            return new Found(found, Optional.of("network"));
        }
    }

    /** Where a message landed: the channel's id and the message's ts. */
    public record Landed(String channelId, String ts) {
    }

    /**
     * The message the bot posted (in the channel, or in the thread of {@code threadTs}) since {@code since} whose
     * metadata carries {@code field = value}: how the outbox learns whether a post whose answer was lost landed.
     * Empty when it did not; a channel that cannot be read throws (a Slack error, or the network).
     */
    Optional<Landed> findPosted(String channel, String threadTs, String eventType, String field, long value, Instant since,
                                int maxPages) throws IOException, SlackApiException {
        MethodsClient methods = gateway.methods();
        String channelId = channelId(methods, channel);
        String oldest = since.getEpochSecond() + ".000000";
        String cursor = null;
        for (int page = 0; page < maxPages; page++) {
            List<Message> messages;
            String next;
            boolean more;
            if (threadTs == null) {
                ConversationsHistoryResponse history = methods.conversationsHistory(ConversationsHistoryRequest.builder()
                        .channel(channelId).oldest(oldest).limit(200).includeAllMetadata(true).cursor(cursor).build());
                if (!history.isOk()) {
                    throw new Unreadable(history.getError());
                }
                messages = history.getMessages();
                next = nextCursor(history.getResponseMetadata());
                more = history.isHasMore();
            } else {
                ConversationsRepliesResponse replies = methods.conversationsReplies(ConversationsRepliesRequest.builder()
                        .channel(channelId).ts(threadTs).oldest(oldest).limit(200).includeAllMetadata(true).cursor(cursor).build());
                if (!replies.isOk()) {
                    throw new Unreadable(replies.getError());
                }
                messages = replies.getMessages();
                next = nextCursor(replies.getResponseMetadata());
                more = replies.isHasMore();
            }
            for (Message message : messages) {
                if (message.getMetadata() != null && eventType.equals(message.getMetadata().getEventType())
                        && message.getMetadata().getEventPayload() != null
                        && String.valueOf(value).equals(String.valueOf(number(message.getMetadata().getEventPayload().get(field))))) {
                    return Optional.of(new Landed(channelId, message.getTs()));
                }
            }
            if (!more || next == null) {
                break;
            }
            cursor = next;
        }
        return Optional.empty();
    }

    /** JSON numbers come back as doubles (42.0) from Gson: compare them as whole numbers. */
    private static Object number(Object value) {
        return value instanceof Number n ? (Object) n.longValue() : value;
    }

    /** The channel's id: as given, or looked up by name (conversations.history takes ids only). */
    private String channelId(MethodsClient methods, String configured) throws IOException, SlackApiException {
        String trimmed = configured.strip();
        String name = trimmed.startsWith("#") ? trimmed.substring(1) : trimmed;
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
            for (Conversation candidate : list.getChannels()) {
                if (name.equals(candidate.getName())) {
                    return candidate.getId();
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

    /**
     * Slack's error code for a channel that cannot be read (no scope, not a member, no such method): asking again
     * will not help, unlike a time-out or a 5xx.
     */
    static final class Unreadable extends RuntimeException {
        Unreadable(String error) {
            super(error, null, false, false);
        }
    }
}

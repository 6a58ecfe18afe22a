package dev.harbormaster.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import dev.harbormaster.slack.BoundedTagValues;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Sends a batch of outbox messages per call: claims the heads of up to {@code harbormaster.outbox.batch-size} channels'
 * queues, calls Slack for each in turn, and records the outcomes in the same transaction. The rows stay locked during
 * the HTTP calls so that no worker on any replica can claim and send them too; each call is bounded by the Web API
 * timeout ({@code harbormaster.slack.http-timeout}). A batch shares its claim, its attempt marks, its clock reading and
 * its commit, which is where one message per transaction spent most of its CPU. A rate limit, a timeout, another
 * transient failure, or a batch that has been sending for a channel interval ends the batch there, and the messages not
 * yet tried go back to the queue untouched at its commit: against a slow Slack a batch is as long as one call, against
 * a fast one it is many.
 *
 * <p>Nothing is sent twice. A post carries its outbox id in Slack message metadata; when its answer never arrived
 * (a timeout, a dropped connection, a proxy's error page), the retry first looks for it in the channel (or thread)
 * and, if it landed, records that copy instead of posting again, so later edits go to it. Only a direct message, or
 * a channel the bot cannot read, falls back to posting again.
 */
@ApplicationScoped
public class OutboxDelivery {

    private static final Logger LOG = Logger.getLogger(OutboxDelivery.class);

    /** Slack errors that say "try again later"; any other error code is permanent for that message. */
    private static final Set<String> TRANSIENT_ERRORS = Set.of(
            "internal_error", "fatal_error", "service_unavailable", "request_timeout");
    private static final Set<String> RATE_LIMIT_ERRORS = Set.of("ratelimited", "rate_limited");
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    /** Errors that mean this channel cannot take the message, so a POST with a fallback goes there instead. */
    private static final Set<String> CHANNEL_UNAVAILABLE_ERRORS = Set.of("channel_not_found", "is_archived", "not_in_channel");
    /** Error codes come from the server at SLACK_API_URL: a label takes only a bounded number of them. */
    private final BoundedTagValues reasons = new BoundedTagValues("harbormaster_outbox_*_total{reason}", 30);

    @Inject
    OutboxMessageRepository messages;
    @Inject
    SlackGateway slack;
    @Inject
    OutboxSettings settings;
    @Inject
    MeterRegistry metrics;
    @Inject
    ObjectMapper json;
    @Inject
    SlackDirectory directory;
    @Inject
    ChannelHistory history;

    /** The metadata event type of posts that carry nothing but their outbox id. */
    static final String OUTBOX_EVENT = "harbormaster_outbox";
    static final String OUTBOX_ID = "outbox_id";
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");
    /** How far back from a message's creation its landed copy is looked for (clocks of Slack and the database differ). */
    private static final Duration LOOK_BACK = Duration.ofMinutes(2);

    /** Delivers the next due batch, if any; false when there was nothing to claim. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean deliverNextBatch() {
        List<OutboxMessage> claimed = messages.claimHeads(settings.batchSize());
        if (claimed.isEmpty()) {
            return false;
        }
        Bookkeeping book = new Bookkeeping();
        Set<Long> attempted = messages.postAttempted(postIds(claimed.stream()));
        Instant now = messages.databaseNow();
        List<Ready> ready = new ArrayList<>();
        for (OutboxMessage message : claimed) {
            prepare(message, attempted.contains(message.id), now, book).ifPresent(ready::add);
        }
        messages.markPostAttempts(postIds(ready.stream().map(Ready::message)));
        List<Outcome> outcomes = new ArrayList<>();
        long sendingEnds = System.nanoTime() + settings.channelInterval().toNanos();
        for (Ready next : ready) {
            Outcome outcome = sendOrReroute(next.message(), next.target());
            outcomes.add(outcome);
            // Slack slow, unreachable or limiting us, or a batch that has sent for a channel interval already: the rest
            // waits for a later claim, rather than holding its rows through one timeout after another, or holding back
            // the next message of every channel sent so far (their paces start at this batch's commit). They were
            // never sent, so their marks go.
            if (outcome instanceof Outcome.RateLimited || outcome instanceof Outcome.Transient
                    || System.nanoTime() > sendingEnds) {
                postIds(ready.subList(outcomes.size(), ready.size()).stream().map(Ready::message)).forEach(book::forgetAttempt);
                break;
            }
        }
        Instant after = messages.databaseNow();
        for (int i = 0; i < outcomes.size(); i++) {
            record(ready.get(i).message(), outcomes.get(i), after, book);
        }
        messages.forgetPostAttempts(book.attemptsToForget);
        messages.paceChannels(book.paces);
        return true;
    }

    /** The ids of the posts among {@code batch}: only a post is marked before it is sent (an edit cannot duplicate). */
    private static List<Long> postIds(Stream<OutboxMessage> batch) {
        return batch.filter(m -> m.kind == OutboundMessage.Kind.POST).map(m -> m.id).toList();
    }

    /**
     * What a claimed message needs before it can be sent: the message it edits or replies under, and, when an earlier
     * attempt may have reached Slack, a look at whether it did. Empty when that settled it (recorded in {@code book}).
     */
    private Optional<Ready> prepare(OutboxMessage message, boolean attempted, Instant now, Bookkeeping book) {
        Target target;
        String parentKey = message.kind == OutboundMessage.Kind.UPDATE ? message.messageKey : message.threadKey;
        if (parentKey == null) {
            target = new Target(message.channel, null, null);
        } else {
            Optional<OutboxMessage> parent = messages.postedUnder(parentKey);
            if (parent.isPresent() && parent.get().status == OutboxMessage.Status.PENDING) {
                // The message it edits or replies to is queued elsewhere (another channel spelling) and not
                // sent yet: wait for it without counting an attempt.
                message.nextAttemptAt = now.plus(settings.channelInterval());
                return Optional.empty();
            }
            if (parent.isEmpty() || parent.get().status != OutboxMessage.Status.SENT) {
                fail(message, parent.isEmpty() ? "parent_not_found" : "parent_not_posted", now, book);
                return Optional.empty();
            }
            target = new Target(parent.get().slackChannelId, parent.get().slackTs, parent.get().reroutedFrom);
        }
        if (message.kind == OutboundMessage.Kind.POST && attempted) {
            Optional<ChannelHistory.Landed> landed;
            try {
                landed = landed(message, target);
            } catch (ChannelHistory.Unreadable e) {
                // The bot can never read this channel (a scope, membership): posting again is all there is
                LOG.infof("Cannot read %s to look for outbox message %d (%s); posting it again", message.channel,
                        message.id, e.getMessage());
                landed = Optional.empty();
            } catch (IOException | SlackApiException | RuntimeException e) {
                // Posting without knowing could make a second copy: look again later instead
                LOG.infof("Could not look for outbox message %d in %s (%s); looking again before posting",
                        message.id, message.channel, e.getMessage());
                record(message, new Outcome.Transient("history_unavailable"), now, book);
                return Optional.empty();
            }
            if (landed.isPresent()) {
                LOG.infof("Outbox message %d had landed in %s although its answer was lost; not posting it again",
                        message.id, message.channel);
                record(message, new Outcome.Sent(landed.get().ts(), landed.get().channelId()), now, book);
                return Optional.empty();
            }
        }
        return Optional.of(new Ready(message, target));
    }

    /** Sends it; a post its channel cannot take goes to its fallback channel when it names one. */
    private Outcome sendOrReroute(OutboxMessage message, Target target) {
        Outcome outcome = send(message, target);
        if (outcome instanceof Outcome.Permanent refusal && reroutable(message, refusal.error())) {
            LOG.warnf("Channel %s cannot take outbox message %d (%s); posting it in %s instead",
                    message.channel, message.id, refusal.error(), message.fallbackChannel);
            message.reroutedFrom = message.channel;
            outcome = send(message, new Target(message.fallbackChannel, null, message.channel));
            if (outcome instanceof Outcome.Sent sent) {
                tellWhereItWent(message, sent.channelId());
            } else {
                message.reroutedFrom = null;
            }
        }
        return outcome;
    }

    /**
     * The copy of a post that landed although its answer was lost, if there is one.
     *
     * @throws IOException when the channel's history could not be read: whether it landed is unknown
     */
    private Optional<ChannelHistory.Landed> landed(OutboxMessage message, Target target) throws IOException, SlackApiException {
        String channel = target.channel();
        if (USER_ID.matcher(channel).matches()) {
            // A post to a user id lands in the bot's DM with them, whose id conversations.open tells
            var opened = slack.methods().conversationsOpen(r -> r.users(List.of(target.channel())));
            if (!opened.isOk() || opened.getChannel() == null) {
                throw new IOException("conversations.open: " + opened.getError());
            }
            channel = opened.getChannel().getId();
        }
        return history.findPosted(channel, target.ts(), eventType(message), OUTBOX_ID, message.id,
                message.createdAt.minus(LOOK_BACK), 5);
    }

    private String eventType(OutboxMessage message) {
        if (message.metadataJson == null) {
            return OUTBOX_EVENT;
        }
        try {
            return json.readTree(message.metadataJson).path("event_type").asText(OUTBOX_EVENT);
        } catch (JsonProcessingException e) {
            return OUTBOX_EVENT;
        }
    }

    /** The post's metadata with its outbox id added, so the post can be found again by it. */
    private String metadataWithOutboxId(OutboxMessage message) {
        try {
            ObjectNode metadata = message.metadataJson == null
                    ? json.createObjectNode().put("event_type", OUTBOX_EVENT)
                    : (ObjectNode) json.readTree(message.metadataJson);
            JsonNode payload = metadata.path("event_payload");
            ObjectNode withId = payload.isObject() ? (ObjectNode) payload : metadata.putObject("event_payload");
            withId.put(OUTBOX_ID, message.id);
            return json.writeValueAsString(metadata);
        } catch (JsonProcessingException | ClassCastException e) {
            return message.metadataJson;
        }
    }

    private static boolean reroutable(OutboxMessage message, String error) {
        return message.kind == OutboundMessage.Kind.POST && message.threadKey == null && message.fallbackChannel != null
                && !message.fallbackChannel.equals(message.channel) && CHANNEL_UNAVAILABLE_ERRORS.contains(error);
    }

    /** Whoever expected it in the first channel learns where it is, through the outbox like any other message. */
    private void tellWhereItWent(OutboxMessage message, String channelId) {
        if (message.rerouteNoticeUser == null || message.rerouteNoticeText == null) {
            return;
        }
        String where = channelId == null ? "#" + message.fallbackChannel : "<#" + channelId + ">";
        messages.insertPending(OutboundMessage.post(message.rerouteNoticeUser,
                message.rerouteNoticeText.replace("{channel}", where), null));
    }

    /** The blocks with a first line saying which channel the message was meant for. */
    private String withRerouteNote(String blocksJson, String text, String meantFor) {
        try {
            ArrayNode blocks;
            if (blocksJson == null || blocksJson.isBlank()) {
                // A text-only message gets its text as a section, or the note would be all that shows.
                blocks = json.createArrayNode();
                blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                        .put("text", text.length() > 3000 ? text.substring(0, 2999) + "…" : text);
            } else {
                blocks = (ArrayNode) json.readTree(blocksJson);
            }
            ObjectNode note = json.createObjectNode().put("type", "context");
            note.putArray("elements").addObject().put("type", "mrkdwn").put("text", ":information_source: Posted here because #"
                    + meantFor.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + " could not take it.");
            blocks.insert(0, note);
            while (blocks.size() > 50) {
                blocks.remove(blocks.size() - 1);
            }
            return json.writeValueAsString(blocks);
        } catch (JsonProcessingException | ClassCastException e) {
            return blocksJson;
        }
    }

    private Outcome send(OutboxMessage message, Target target) {
        MethodsClient methods = slack.methods();
        String text = directory.resolveMentions(message.text);
        String blocksJson = directory.resolveMentionsInBlocks(message.blocksJson);
        try {
            SlackApiTextResponse response;
            String ts;
            String channelId;
            if (message.kind == OutboundMessage.Kind.UPDATE) {
                String blocks = target.reroutedFrom() == null ? blocksJson
                        : withRerouteNote(blocksJson, text, target.reroutedFrom());
                var update = methods.chatUpdate(r -> r.channel(target.channel()).ts(target.ts())
                        .text(text).blocksAsString(blocks));
                response = update;
                ts = update.getTs();
                channelId = update.getChannel();
            } else {
                String blocks = target.reroutedFrom() == null || target.ts() != null ? blocksJson
                        : withRerouteNote(blocksJson, text, target.reroutedFrom());
                var post = methods.chatPostMessage(r -> r.channel(target.channel()).threadTs(target.ts())
                        .text(text).blocksAsString(blocks).metadataAsString(metadataWithOutboxId(message)));
                response = post;
                ts = post.getTs();
                channelId = post.getChannel();
            }
            if (response.isOk()) {
                return new Outcome.Sent(ts, channelId);
            }
            String error = response.getError();
            if (RATE_LIMIT_ERRORS.contains(error)) {
                return new Outcome.RateLimited(retryAfter(response.getHttpResponseHeaders()));
            }
            return TRANSIENT_ERRORS.contains(error) ? new Outcome.Transient(error) : new Outcome.Permanent(error);
        } catch (SlackApiException e) {
            int code = e.getResponse().code();
            if (code == 429) {
                return new Outcome.RateLimited(retryAfter(e.getResponse().header("Retry-After")));
            }
            String error = "http_" + code;
            return code == 408 || code >= 500 ? new Outcome.Transient(error) : new Outcome.Permanent(error);
        } catch (InterruptedIOException e) {
            return new Outcome.Transient("timeout");
        } catch (IOException e) {
            return new Outcome.Transient("network");
        } catch (RuntimeException e) {
            // e.g. a proxy's HTML page where Slack's JSON should be: worth another try later.
            LOG.warnf("Unexpected %s delivering outbox message %d", e.getClass().getName(), message.id);
            return new Outcome.Transient("unexpected_response");
        }
    }

    private void record(OutboxMessage message, Outcome outcome, Instant now, Bookkeeping book) {
        message.attempts++;
        if (outcome instanceof Outcome.Sent sent) {
            message.status = OutboxMessage.Status.SENT;
            message.sentAt = now;
            message.slackTs = sent.ts();
            message.slackChannelId = sent.channelId();
            message.lastError = null;
            book.forgetAttempt(message.id);
            book.pace(message.channel, now.plus(settings.channelInterval()));
            metrics.counter("harbormaster.outbox.sent", "kind", message.kind.name()).increment();
            LOG.debugf("Delivered outbox message %d to %s", message.id, message.channel);
        } else if (outcome instanceof Outcome.RateLimited limited) {
            message.lastError = "http_429";
            book.forgetAttempt(message.id); // Slack refused it: nothing to look for next time
            Instant resume = now.plus(limited.retryAfter());
            if (!gaveUp(message, now)) {
                message.nextAttemptAt = resume;
                metrics.counter("harbormaster.outbox.retried", "reason", "rate_limited").increment();
                LOG.infof("Slack rate-limited outbox message %d; channel %s paused for %d s",
                        message.id, message.channel, limited.retryAfter().toSeconds());
            }
            book.pace(message.channel, resume);
        } else if (outcome instanceof Outcome.Transient failure) {
            // Slack may have taken it before the failure: the attempt mark stays, so the next attempt looks first
            message.lastError = failure.error();
            if (!gaveUp(message, now)) {
                Duration wait = backoff(message.attempts, settings.initialBackoff(), settings.maxBackoff(),
                        ThreadLocalRandom.current().nextDouble());
                message.nextAttemptAt = now.plus(wait);
                metrics.counter("harbormaster.outbox.retried", "reason", reasons.of(failure.error())).increment();
                LOG.infof("Outbox message %d to %s failed (%s), attempt %d; retrying in %d ms",
                        message.id, message.channel, failure.error(), message.attempts, wait.toMillis());
            }
        } else if (outcome instanceof Outcome.Permanent refusal) {
            fail(message, refusal.error(), now, book);
            book.pace(message.channel, now.plus(settings.channelInterval()));
        }
    }

    private boolean gaveUp(OutboxMessage message, Instant now) {
        if (message.createdAt.plus(settings.giveUpAfter()).isAfter(now)) {
            return false;
        }
        message.status = OutboxMessage.Status.FAILED;
        metrics.counter("harbormaster.outbox.failed", "reason", "gave_up").increment();
        LOG.errorf("Gave up on outbox message %d to %s after %d attempts over %s; last error %s",
                message.id, message.channel, message.attempts, settings.giveUpAfter(), message.lastError);
        return true;
    }

    private void fail(OutboxMessage message, String error, Instant now, Bookkeeping book) {
        message.status = OutboxMessage.Status.FAILED;
        message.lastError = error;
        book.forgetAttempt(message.id);
        message.nextAttemptAt = now;
        metrics.counter("harbormaster.outbox.failed", "reason", reasons.of(error)).increment();
        LOG.warnf("Outbox message %d (%s) to %s failed for good: %s; later messages of the channel proceed",
                message.id, message.kind, message.channel, error);
    }

    /**
     * Exponential backoff with "equal jitter": the n-th consecutive failure waits between half and all of
     * {@code initial * 2^(n-1)}, capped at {@code max}, so replicas that failed together do not retry together.
     */
    static Duration backoff(int attempts, Duration initial, Duration max, double random) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        long ceiling = Math.min(max.toMillis(), initial.toMillis() << doublings);
        long half = ceiling / 2;
        return Duration.ofMillis(ceiling - half + (long) (random * half));
    }

    private static Duration retryAfter(Map<String, List<String>> headers) {
        List<String> values = headers == null ? null : headers.get("retry-after");
        return retryAfter(values == null || values.isEmpty() ? null : values.get(0));
    }

    static Duration retryAfter(String header) {
        if (header == null) {
            return DEFAULT_RETRY_AFTER;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_RETRY_AFTER;
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }

    /**
     * Where a message goes: a channel, the ts of the message it edits or replies to, and the channel that message was
     * meant for when it went to its fallback instead (null otherwise).
     */
    private record Target(String channel, String ts, String reroutedFrom) {
    }

    /** A claimed message that is to be sent, and where. */
    private record Ready(OutboxMessage message, Target target) {
    }

    /** A batch's writes besides its rows: attempt marks to delete and channel paces, each written once at its end. */
    private static final class Bookkeeping {
        final List<Long> attemptsToForget = new ArrayList<>();
        final Map<String, Instant> paces = new LinkedHashMap<>();

        void forgetAttempt(long id) {
            attemptsToForget.add(id);
        }

        /** A batch holds one head per channel, so one pace each; the upsert that writes them needs distinct channels. */
        void pace(String channel, Instant next) {
            paces.put(channel, next);
        }
    }

    private sealed interface Outcome {
        record Sent(String ts, String channelId) implements Outcome {
        }

        record RateLimited(Duration retryAfter) implements Outcome {
        }

        record Transient(String error) implements Outcome {
        }

        record Permanent(String error) implements Outcome {
        }
    }
}

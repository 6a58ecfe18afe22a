package dev.harbormaster.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.slack.api.model.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack user id ↔ email, kept in PostgreSQL ({@code slack_identity}) and shared by every replica: written whenever
 * Slack tells us, read before asking Slack again, refreshed in the background. A message built where no Slack call may be made (a command before
 * its acknowledgement, a transaction) names a person known only by email with {@link #mentionByEmail}, and the
 * outbox turns that into a real mention when it delivers.
 */
@ApplicationScoped
public class SlackDirectory {

    private static final Logger LOG = Logger.getLogger(SlackDirectory.class);
    /** How long a remembered email is trusted before Slack is asked again (someone's email can change). */
    static final Duration FRESH_FOR = Duration.ofHours(1);
    private static final Duration UNKNOWN_FOR = Duration.ofHours(1);
    private static final Pattern EMAIL = Pattern.compile("[^\\s<>|@]+@[^\\s<>|@]+");
    /** Only our own code writes a raw {@code <}: text from outside is escaped, so this cannot be typed in. */
    private static final Pattern MENTION_BY_EMAIL = Pattern.compile("<@email:([^\\s<>|@]+@[^\\s<>|@]+)>");

    @Inject
    SlackGateway gateway;
    @Inject
    EntityManager entityManager;
    @Inject
    ObjectMapper json;

    /** Stale identities are refreshed one at a time off the caller's thread; a full queue just waits for the next use. */
    private final ExecutorService refresher = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(200),
            runnable -> {
                Thread thread = new Thread(runnable, "slack-identity-refresh");
                thread.setDaemon(true);
                return thread;
            });
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
    /**
     * Emails Slack said it does not know, until when not to ask again (users.lookupByEmail is rate-limited, and an
     * answer naming such a person would otherwise ask on every command).
     */
    private final Map<String, Instant> unknownEmails = new ConcurrentHashMap<>();

    /**
     * What Slack says about a person's email, as known. A remembered email is answered from PostgreSQL at once, even
     * when it is older than {@link #FRESH_FOR} (then Slack is asked again in the background): an approver stays an
     * approver while Slack is slow or down. Only a person never seen before is looked up live, and only once.
     */
    public Known email(String userId) {
        Optional<Remembered> remembered = remembered(userId);
        if (remembered.isPresent()) {
            if (remembered.get().refreshedAt().isBefore(Instant.now().minus(FRESH_FOR))) {
                refreshLater(userId);
            }
            return new Known(Optional.ofNullable(remembered.get().email()), true);
        }
        return lookUp(userId).orElseGet(() -> new Known(Optional.empty(), false));
    }

    /** Asks Slack now; empty when Slack did not answer (the failure is logged). */
    private Optional<Known> lookUp(String userId) {
        try {
            Optional<User> user = gateway.userInfo(userId);
            if (user.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> email = Optional.ofNullable(user.get().getProfile()).map(User.Profile::getEmail)
                    .filter(e -> !e.isBlank());
            remember(userId, email.orElse(null));
            return Optional.of(new Known(email, true));
        } catch (SlackGateway.SlackCallFailed e) {
            LOG.warnf("Could not look up the email of %s (%s): known by Slack id only until Slack answers", userId, e.error());
            return Optional.empty();
        }
    }

    private void refreshLater(String userId) {
        inBackground(userId, () -> lookUp(userId));
    }

    /** Runs {@code work} on the refresher unless a task of the same name is queued or running; a full queue drops it. */
    private void inBackground(String task, Runnable work) {
        if (!refreshing.add(task)) {
            return;
        }
        try {
            refresher.execute(() -> {
                try {
                    work.run();
                } finally {
                    refreshing.remove(task);
                }
            });
        } catch (RejectedExecutionException e) {
            refreshing.remove(task);
        }
    }

    /**
     * Learns the Slack ids of people the catalog names by email and Slack has not been asked about lately, at most
     * {@code budget} of them (Slack rate-limits {@code users.lookupByEmail}), so that someone's first click is
     * decided from PostgreSQL rather than by asking Slack first. Emails Slack does not know are skipped for an hour.
     *
     * @return how many were learned
     */
    public int learnEmails(Collection<String> emails, int budget) {
        Instant now = Instant.now();
        // what Slack said it did not know is forgotten after UNKNOWN_FOR, so the map stays as small as the catalog
        unknownEmails.values().removeIf(until -> until.isBefore(now));
        Set<String> wanted = new TreeSet<>();
        emails.stream().map(SlackDirectory::normalizedEmail).flatMap(Optional::stream)
                .filter(e -> !slackSaidUnknown(e)).forEach(wanted::add);
        if (wanted.isEmpty()) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<String> fresh = QuarkusTransaction.joiningExisting().call(() -> entityManager.createNativeQuery(
                        "select lower(email) from slack_identity where lower(email) in (:emails) and refreshed_at > :since")
                .setParameter("emails", wanted).setParameter("since", OffsetDateTime.now().minus(FRESH_FOR)).getResultList());
        wanted.removeAll(fresh);
        int learned = 0;
        for (String email : wanted.stream().limit(budget).toList()) {
            try {
                if (askSlack(email).isPresent()) {
                    learned++;
                }
            } catch (SlackGateway.SlackCallFailed e) {
                LOG.debugf("users.lookupByEmail failed (%s): trying the rest on the next round", e.error());
                break;
            }
        }
        return learned;
    }

    void stop(@Observes ShutdownEvent event) {
        refresher.shutdownNow();
    }

    /** @param answered whether Slack (now or earlier) told us anything about the person */
    public record Known(Optional<String> email, boolean answered) {
    }

    /**
     * The Slack id of the person with this email: from what is remembered, else from Slack (for work after the
     * acknowledgement, such as the outbox's delivery). Empty when nobody knows.
     */
    public Optional<String> userIdByEmail(String email) {
        return normalizedEmail(email).flatMap(normalized -> {
            Optional<String> id = rememberedId(normalized);
            if (id.isPresent() || slackSaidUnknown(normalized)) {
                return id;
            }
            try {
                return askSlack(normalized);
            } catch (SlackGateway.SlackCallFailed e) {
                LOG.debugf("users.lookupByEmail failed (%s): the person is shown by email", e.error());
                return Optional.empty();
            }
        });
    }

    /**
     * The Slack id of the person with this email as remembered, without asking Slack: for answers given in an
     * acknowledgement, which must not wait on Slack. A person not remembered is looked up in the background (unless
     * Slack said lately it does not know them), so that a later answer can mention them.
     */
    public Optional<String> rememberedUserIdByEmail(String email) {
        return normalizedEmail(email).flatMap(normalized -> {
            Optional<String> id = rememberedId(normalized);
            if (id.isEmpty() && !slackSaidUnknown(normalized)) {
                inBackground("email:" + normalized, () -> learnEmails(List.of(normalized), 1));
            }
            return id;
        });
    }

    private Optional<String> rememberedId(String normalizedEmail) {
        @SuppressWarnings("unchecked")
        List<String> ids = QuarkusTransaction.joiningExisting().call(() -> entityManager.createNativeQuery(
                        "select user_id from slack_identity where lower(email) = ?1 order by refreshed_at desc limit 1")
                .setParameter(1, normalizedEmail).getResultList());
        return ids.stream().findFirst();
    }

    /**
     * Asks Slack and remembers the answer: the id, or, for {@link #UNKNOWN_FOR}, that Slack knows nobody by this email.
     *
     * @throws SlackGateway.SlackCallFailed when Slack did not say (a refusal says nothing about the person)
     */
    private Optional<String> askSlack(String normalizedEmail) {
        Optional<String> id = gateway.userIdByEmail(normalizedEmail);
        if (id.isPresent()) {
            remember(id.get(), normalizedEmail);
        } else {
            unknownEmails.put(normalizedEmail, Instant.now().plus(UNKNOWN_FOR));
        }
        return id;
    }

    private boolean slackSaidUnknown(String normalizedEmail) {
        return unknownEmails.getOrDefault(normalizedEmail, Instant.MIN).isAfter(Instant.now());
    }

    /** The email trimmed and in lower case; empty when it is not an email. */
    private static Optional<String> normalizedEmail(String email) {
        return email == null || !EMAIL.matcher(email.trim()).matches() ? Optional.empty()
                : Optional.of(email.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * A mention of the person with this email, for a message the outbox delivers: it becomes {@code <@U…>} at
     * delivery when Slack knows the email, else the email as text. Anything that is not an email is escaped text.
     */
    public static String mentionByEmail(String email) {
        String trimmed = email == null ? "" : email.trim();
        return EMAIL.matcher(trimmed).matches() ? "<@email:" + trimmed + ">"
                : trimmed.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Turns every {@link #mentionByEmail} in the text into a mention or, failing that, the email as text. */
    String resolveMentions(String text) {
        if (text == null || !text.contains("<@email:")) {
            return text;
        }
        Matcher matcher = MENTION_BY_EMAIL.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String email = matcher.group(1);
            String mention = userIdByEmail(email).map(id -> "<@" + id + ">").orElse(email);
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(mention));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    /** The same in every text of a Block Kit JSON array. */
    String resolveMentionsInBlocks(String blocksJson) {
        if (blocksJson == null || !blocksJson.contains("@email:")) {
            return blocksJson;
        }
        try {
            JsonNode blocks = json.readTree(blocksJson);
            resolveIn(blocks);
            return json.writeValueAsString(blocks);
        } catch (JsonProcessingException e) {
            return blocksJson;
        }
    }

    private void resolveIn(JsonNode node) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isTextual()) {
                    ((ObjectNode) node).set(field.getKey(), TextNode.valueOf(resolveMentions(field.getValue().asText())));
                } else {
                    resolveIn(field.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(this::resolveIn);
        }
    }

    private void remember(String userId, String email) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        insert into slack_identity (user_id, email, refreshed_at) values (?1, ?2, now())
                        on conflict (user_id) do update set email = excluded.email, refreshed_at = excluded.refreshed_at""")
                .setParameter(1, userId).setParameter(2, email).executeUpdate());
    }

    private Optional<Remembered> remembered(String userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.joiningExisting().call(() -> entityManager.createNativeQuery(
                "select email, refreshed_at from slack_identity where user_id = ?1").setParameter(1, userId).getResultList());
        return rows.stream().findFirst().map(row -> new Remembered((String) row[0], instant(row[1])));
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return (Instant) value;
    }

    private record Remembered(String email, Instant refreshedAt) {
    }
}

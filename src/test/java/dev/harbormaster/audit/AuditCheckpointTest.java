package dev.harbormaster.audit;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.request.conversations.ConversationsHistoryRequest;
import com.slack.api.model.Message;
import dev.harbormaster.slack.SlackConnection;
import dev.harbormaster.testing.EmbeddedPostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.harbormaster.audit.AuditSandbox.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checkpoints through the sandbox: {@code /platform audit checkpoint} (platform admins only) and the hourly job
 * post the signed head to #platform-audit with message metadata that {@code conversations.history} gives back,
 * and {@code audit verify} trusts only checkpoints whose signature holds.
 */
@QuarkusTest
class AuditCheckpointTest {

    private static final Pattern CHECKPOINTED = Pattern.compile("up to entry #(\\d+)");

    @Inject
    AuditTrail auditTrail;
    @Inject
    AuditCheckpoints checkpoints;
    @Inject
    AuditKey key;
    @Inject
    DataSource dataSource;

    private MethodsClient slack;

    @BeforeEach
    void resetSandbox() {
        AuditSandbox.reset();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix("http://127.0.0.1:" + RestAssured.port + "/sandbox/api/");
        slack = Slack.getInstance(config).methods(SlackConnection.SANDBOX_BOT_TOKEN);
    }

    private Optional<Message> inHistory(String ts, boolean includeMetadata) throws Exception {
        var history = slack.conversationsHistory(ConversationsHistoryRequest.builder().channel("CPLATFORMAUDIT")
                .includeAllMetadata(includeMetadata).limit(50).build());
        assertTrue(history.isOk(), history.getError());
        return history.getMessages().stream().filter(m -> ts.equals(m.getTs())).findFirst();
    }

    private String hashOf(long id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT hash FROM audit_entry WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                return row.getString(1);
            }
        }
    }

    @Test
    void aPlatformAdminsCheckpointReachesTheAuditChannelWithTheSignedHeadInItsMetadata() throws Exception {
        auditTrail.record("UALICE", "approval.requested", "approval:checkpointed", Map.of("n", 1));
        String made = answer("carol", "platform", "audit checkpoint");
        Matcher checkpointed = CHECKPOINTED.matcher(made);
        assertTrue(made.startsWith(":lock: Checkpoint made: the audit log up to entry #") && checkpointed.find(), made);
        long head = Long.parseLong(checkpointed.group(1));
        assertTrue(made.contains("It goes to #platform-audit and the log"), made);

        Map<String, Object> posted = AuditSandbox.arrived("platform-audit", "Audit checkpoint: the audit log up to entry #" + head + " ");
        assertEquals("harbormaster", posted.get("user"));
        assertTrue(String.valueOf(posted.get("blocks")).contains("Made by <@UCAROL>."), posted.toString());

        Message message = inHistory(String.valueOf(posted.get("ts")), true).orElseThrow();
        assertEquals(AuditCheckpoint.EVENT_TYPE, message.getMetadata().getEventType());
        Map<String, Object> payload = message.getMetadata().getEventPayload();
        assertEquals(head, ((Number) payload.get("sequence")).longValue());
        assertEquals(hashOf(head), payload.get("head"));
        assertEquals(key.id(), payload.get("key_id"));
        assertTrue(String.valueOf(payload.get("signature")).matches("[0-9a-f]{64}"), payload.toString());
        AuditCheckpoint read = AuditCheckpoint.fromPayload(payload, AuditCheckpoint.Source.CHANNEL).orElseThrow();
        assertTrue(key.signed(read), "the signature holds");
        assertNull(inHistory(String.valueOf(posted.get("ts")), false).orElseThrow().getMetadata(),
                "as in Slack, metadata comes back only with include_all_metadata");

        String verified = answer("alice", "payments", "audit verify");
        assertTrue(verified.startsWith(":white_check_mark: The audit chain of "), verified);
        assertTrue(verified.contains("the newest in #platform-audit is entry #" + head + " "), verified);
    }

    @Test
    void onlyPlatformAdminsMayCheckpoint() throws SQLException {
        String refused = answer("alice", "payments", "audit checkpoint");
        assertTrue(refused.startsWith(":no_entry: Only platform admins (members of `platform`) can make an audit checkpoint."),
                refused);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM audit_checkpoint WHERE made_by = 'UALICE'")) {
            row.next();
            assertEquals(0, row.getLong(1), "no checkpoint was made");
        }
    }

    @Test
    void aCheckpointWithAForgedSignatureIsIgnoredAndSaidSo() throws Exception {
        long head = auditTrail.latest(1).get(0).id();
        AuditCheckpoint.Head claimed = new AuditCheckpoint.Head(head + 1000, head + 1000, "f".repeat(64), Instant.now(), key.id());
        AuditCheckpoint forged = new AuditCheckpoint(claimed, "0".repeat(64), AuditCheckpoint.Source.CHANNEL);
        var posted = slack.chatPostMessage(r -> r.channel("platform-audit").text("Audit checkpoint (forged)")
                .metadata(new Message.Metadata(AuditCheckpoint.EVENT_TYPE, forged.payload())));
        assertTrue(posted.isOk(), posted.getError());

        String verified = answer("alice", "payments", "audit verify");
        assertTrue(verified.startsWith(":white_check_mark: The audit chain of "), verified);
        assertTrue(verified.contains("1 checkpoint with an invalid signature was ignored"), verified);
    }

    @Test
    void theHourlyJobMakesOneCheckpointPerFireHoweverManyReplicasRunIt() throws Exception {
        long queuedBefore = newestOutboxId();
        Instant fire = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * ThreadLocalRandom.current().nextInt(100_000));
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<AuditCheckpoints.Made>>> runs = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                runs.add(replicas.submit(() -> {
                    start.await();
                    return checkpoints.makeScheduled(fire);
                }));
            }
            start.countDown();
            int made = 0;
            for (Future<Optional<AuditCheckpoints.Made>> run : runs) {
                made += run.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
            }
            assertEquals(1, made);
        } finally {
            replicas.shutdownNow();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement stored = connection.prepareStatement("SELECT count(*) FROM audit_checkpoint WHERE period = ?")) {
            stored.setObject(1, fire.atOffset(java.time.ZoneOffset.UTC));
            try (ResultSet row = stored.executeQuery()) {
                row.next();
                assertEquals(1, row.getLong(1));
            }
        }
        try (Connection connection = dataSource.getConnection(); PreparedStatement queued = connection.prepareStatement(
                "SELECT count(*) FROM outbox_message WHERE channel = 'platform-audit' AND id > ?")) {
            queued.setLong(1, queuedBefore);
            try (ResultSet row = queued.executeQuery()) {
                row.next();
                assertEquals(1, row.getLong(1), "one message for the fire");
            }
        }
        AuditSandbox.arrived("platform-audit", "Hourly checkpoint.");
    }

    private long newestOutboxId() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT coalesce(max(id), 0) FROM outbox_message")) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void theKeyReachesNeitherSlackNorTheDatabase() throws Exception {
        auditTrail.record("UBOB", "approval.voted", "approval:key-check", Map.of("vote", "approve"));
        answer("carol", "platform", "audit checkpoint");
        AuditSandbox.arrived("platform-audit", "Audit checkpoint");
        answer("alice", "payments", "audit verify");

        String keyText = EmbeddedPostgresResource.AUDIT_KEY;
        for (String channel : List.of("platform-audit", "platform", "payments")) {
            assertFalse(RestAssured.get("/sandbox/messages?channel=" + channel).asString().contains(keyText), channel);
        }
        assertFalse(RestAssured.get("/sandbox/api-log").asString().contains(keyText));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : List.of("audit_entry", "audit_checkpoint", "outbox_message")) {
                try (ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table + " t WHERE t::text LIKE '%"
                        + keyText + "%'")) {
                    row.next();
                    assertEquals(0, row.getLong(1), table);
                }
            }
        }
    }
}

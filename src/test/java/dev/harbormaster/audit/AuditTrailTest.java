package dev.harbormaster.audit;

import dev.harbormaster.catalog.CatalogImport;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit log against real PostgreSQL. The table is shared with every other test class, so each test
 * works on targets of its own, and the tampering tests put every row back ({@link AuditTampering}):
 * the chain is valid again when each test ends, whatever else was appended meanwhile.
 */
@QuarkusTest
class AuditTrailTest {

    @Inject
    AuditTrail auditTrail;
    @Inject
    AuditVerifier verifier;
    @Inject
    DataSource dataSource;
    @Inject
    CatalogImport catalogImport;

    private static String uniqueService() {
        return "audit-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private List<AuditEntry> about(String service) {
        return auditTrail.latestConcerning(service, 200);
    }

    @Test
    void anEntryIsReadBackAsRecordedAndChainedToTheOneBefore() {
        String service = uniqueService();
        Instant before = Instant.now().minusSeconds(1);
        auditTrail.record("UALICE", "approval.requested", AuditTrail.serviceTarget(service),
                Map.of("environment", "production", "replicas", 3, "reasons", List.of("load", "launch")));

        List<AuditEntry> entries = about(service);
        assertEquals(1, entries.size());
        AuditEntry entry = entries.get(0);
        assertEquals("UALICE", entry.actorId());
        assertEquals("approval.requested", entry.action());
        assertEquals("service:" + service, entry.target());
        assertEquals("{\"reasons\": [\"load\", \"launch\"], \"replicas\": 3, \"environment\": \"production\"}",
                entry.detailsJson());
        assertTrue(entry.occurredAt().isAfter(before) && entry.occurredAt().isBefore(Instant.now().plusSeconds(1)));
        assertTrue(verifier.verify().intact(), verifier.verify().toString());
    }

    @Test
    void entriesThatNameTheServiceInTheirDetailsAreAboutItToo() {
        String service = uniqueService();
        auditTrail.record("UBOB", "approval.voted", "approval:" + service, Map.of("request", Map.of("service", service)));
        auditTrail.record("UBOB", "approval.voted", "approval:other", Map.of("note", "not " + service));
        auditTrail.record("system", "approval.expired", "approval:" + service,
                Map.of("targets", List.of("service:" + service)));

        List<String> actions = about(service).stream().map(AuditEntry::action).toList();
        assertEquals(List.of("approval.expired", "approval.voted"), actions);
    }

    @Test
    void updateDeleteAndTruncateAreRefusedByTheDatabase() throws SQLException {
        String service = uniqueService();
        auditTrail.record("UALICE", "approval.requested", AuditTrail.serviceTarget(service), Map.of());
        long id = about(service).get(0).id();
        for (String sql : List.of("UPDATE audit_entry SET actor_id = 'UMALLORY' WHERE id = " + id,
                "DELETE FROM audit_entry WHERE id = " + id,
                "TRUNCATE audit_entry")) {
            SQLException refused = assertThrows(SQLException.class, () -> execute(sql));
            assertTrue(refused.getMessage().contains("the audit log is append-only"), refused.getMessage());
        }
        assertEquals("UALICE", about(service).get(0).actorId());
    }

    @Test
    void anEntryEditedBehindTheTriggersBackIsNamedByVerify() throws SQLException {
        long id = recordThree(uniqueService());
        try (AuditTampering ignored = AuditTampering.tamper(dataSource, id,
                "UPDATE audit_entry SET details = '{\"vote\": \"reject\"}' WHERE id = ?")) {
            assertEquals(List.of(new ChainVerification.Break(ChainVerification.Kind.ALTERED, id, id)),
                    verifier.verify().problems());
        }
        assertTrue(verifier.verify().intact());
    }

    @Test
    void anEditThatAlsoRecomputesThePlainHashIsNamedAsWrittenWithoutTheKey() throws SQLException {
        String service = uniqueService();
        long id = recordThree(service);
        AuditEntry edited = about(service).stream().filter(e -> e.id() == id).findFirst().orElseThrow();
        String forgedHash = AuditChain.hash(edited.prevHash, new AuditChain.Content(id, edited.occurredAt(), "UMALLORY",
                edited.action(), edited.target(), edited.detailsJson()));
        try (AuditTampering ignored = AuditTampering.tamper(dataSource, id,
                "UPDATE audit_entry SET actor_id = 'UMALLORY', hash = '" + forgedHash + "' WHERE id = ?")) {
            assertEquals(List.of(new ChainVerification.Break(ChainVerification.Kind.UNKEYED, id, id)),
                    verifier.verify().problems());
        }
        assertTrue(verifier.verify().intact());
    }

    @Test
    void aDeletedEntryIsFoundAsAGap() throws SQLException {
        long id = recordThree(uniqueService());
        try (AuditTampering ignored = AuditTampering.tamper(dataSource, id, "DELETE FROM audit_entry WHERE id = ?")) {
            assertEquals(List.of(new ChainVerification.Break(ChainVerification.Kind.MISSING, id, id)),
                    verifier.verify().problems());
        }
        assertTrue(verifier.verify().intact());
    }

    @Test
    void appendsFromManyThreadsAtOnceKeepOneValidChain() throws Exception {
        String service = uniqueService();
        int threads = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> appends = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                appends.add(pool.submit(() -> {
                    start.await();
                    auditTrail.record("UBOB", "approval.voted", AuditTrail.serviceTarget(service), Map.of("n", n));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> append : appends) {
                append.get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<AuditEntry> entries = about(service);
        assertEquals(threads, entries.size());
        assertEquals(threads, entries.stream().map(AuditEntry::detailsJson).distinct().count());
        ChainVerification result = verifier.verify();
        assertTrue(result.intact(), result.toString());
    }

    @Test
    void aRolledBackChangeLeavesNoEntryAndNoGap() {
        String service = uniqueService();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            auditTrail.record("UALICE", "approval.executed", AuditTrail.serviceTarget(service), Map.of());
            throw new IllegalStateException("the deployment failed");
        }));
        assertEquals(List.of(), about(service));
        auditTrail.record("UALICE", "approval.failed", AuditTrail.serviceTarget(service), Map.of());
        assertTrue(verifier.verify().intact(), "a rollback must not look like a deleted entry");
    }

    @Test
    void aCatalogImportIsRecordedWithWhoImportedItOnlyWhenItWasWritten() {
        String service = uniqueService();
        String component = """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: %s}
                spec: {type: service, lifecycle: production, owner: group:payments%s}
                """;
        assertFalse(catalogImport.importYaml("admin-api", "bad.yaml", component.formatted(service, ", tier: [")).imported());
        assertEquals(List.of(), about(service));

        assertTrue(catalogImport.importYaml("admin-api", "good.yaml", component.formatted(service, "")).imported());
        AuditEntry entry = about(service).get(0);
        assertEquals(List.of("admin-api", "catalog.imported", "catalog"), List.of(entry.actorId(), entry.action(), entry.target()));
        assertTrue(entry.detailsJson().contains("\"file\": \"good.yaml\""), entry.detailsJson());
    }

    @Test
    void anEntryWithoutActorActionOrTargetIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> auditTrail.record(" ", "approval.voted", "approval:1", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> auditTrail.record("UBOB", null, "approval:1", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> auditTrail.record("UBOB", "approval.voted", "", Map.of()));
    }

    /** Three entries about the service; returns the middle one's id. */
    private long recordThree(String service) {
        for (String vote : List.of("approve", "approve", "approve")) {
            auditTrail.record("UCAROL", "approval.voted", AuditTrail.serviceTarget(service), Map.of("vote", vote));
        }
        return about(service).get(1).id();
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

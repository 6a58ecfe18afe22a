package dev.harbormaster.addon;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import static dev.harbormaster.addon.AddonSandbox.command;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The marketplace right on its first use after a start whose catalog fetch failed (the broker is the bot itself, whose
 * port was not listening yet): the fetch is made then, its result is seen, and nothing is left broken for the next
 * command on the same worker.
 */
@QuarkusTest
class MarketplaceFirstUseTest {

    @Inject
    EntityManager entityManager;

    @Test
    void theFirstAddonsAfterAFailedStartUpFetchListsTheOfferingsAndLaterCommandsStillWork() {
        AddonSandbox.reset();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        insert into addon_broker_catalog (broker, catalog, last_error, attempted_at)
                        values ('reference', null, 'cannot connect to broker reference', now())
                        on conflict (broker) do update set catalog = null, fetched_at = null, last_error = excluded.last_error""")
                .executeUpdate());
        for (int i = 0; i < 6; i++) {
            String marketplace = command("alice", "payments", "addons");
            assertTrue(marketplace.contains("postgresql"), "attempt " + i + ": " + marketplace);
            String check = command("alice", "payments", "policy check addon create postgresql small x1 --service payments-api --env staging");
            assertFalse(check.contains("Something went wrong"), "attempt " + i + ": " + check);
        }
    }
}

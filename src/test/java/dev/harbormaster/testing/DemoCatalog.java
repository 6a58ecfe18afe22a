package dev.harbormaster.testing;

import dev.harbormaster.catalog.CatalogImport;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo catalog as shipped, for tests that start from it: other test classes in the same application transfer,
 * edit and delete its services in chat, and an import keeps chat changes (see ChatEdits), so those are forgotten first.
 */
public final class DemoCatalog {

    private DemoCatalog() {
    }

    /** Imports these files of the demo catalog over whatever chat changed. */
    public static void restore(CatalogImport catalogImport, String... files) throws IOException {
        forgetChatChanges();
        for (String file : files) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("demo-catalog/" + file)) {
                String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(catalogImport.importYaml("system", "demo-catalog/" + file, yaml).imported(), file);
            }
        }
    }

    /** Every service's chat changes and deletions are forgotten: the next import of its file applies it whole. */
    public static void forgetChatChanges() {
        QuarkusTransaction.requiringNew().run(() -> {
            EntityManager entityManager = Arc.container().instance(EntityManager.class).get();
            entityManager.createNativeQuery("update catalog_service set chat_edited_fields = '[]'::jsonb, "
                    + "source_digest = null").executeUpdate();
            entityManager.createNativeQuery("delete from catalog_deleted_service").executeUpdate();
        });
    }
}

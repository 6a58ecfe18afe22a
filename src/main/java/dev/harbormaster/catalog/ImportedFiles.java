package dev.harbormaster.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog folder's files as last imported, by content digest: a start-up imports only files that changed since,
 * and a second replica starting on the same database finds nothing left to import.
 */
@ApplicationScoped
public class ImportedFiles {

    @Inject
    EntityManager entityManager;

    /** The digest of every file as last imported, by path: one query for the whole folder. */
    @Transactional
    @SuppressWarnings("unchecked")
    Map<String, String> digests() {
        Map<String, String> digests = new HashMap<>();
        ((List<Object[]>) entityManager.createNativeQuery("select path, digest from catalog_source_file").getResultList())
                .forEach(row -> digests.put((String) row[0], (String) row[1]));
        return digests;
    }

    void remember(String path, String digest) {
        entityManager.createNativeQuery("insert into catalog_source_file (path, digest, imported_at) values (?1, ?2, ?3) "
                        + "on conflict (path) do update set digest = excluded.digest, imported_at = excluded.imported_at")
                .setParameter(1, path).setParameter(2, digest).setParameter(3, OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
    }
}

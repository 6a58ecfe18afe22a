package dev.harbormaster.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

/**
 * Services deleted in chat whose file may still describe them. An import does not bring such a service back: the
 * deletion was an approved decision, and the file only loses its say once it no longer lists the service (or the
 * name is registered anew).
 */
@ApplicationScoped
public class DeletedServices {

    /** @param deletedBy a Slack user id */
    public record Deleted(String name, String sourceFile, String deletedBy, Instant deletedAt) {
    }

    @Inject
    EntityManager entityManager;

    /** Remembers that {@code service}, which came from a file, was deleted by {@code actorId}. */
    void remember(Service service, String actorId) {
        if (service.sourceDigest == null) {
            return;
        }
        entityManager.createNativeQuery("insert into catalog_deleted_service (name, source_file, deleted_by, deleted_at) "
                        + "values (?1, ?2, ?3, ?4) on conflict (name) do update set source_file = excluded.source_file, "
                        + "deleted_by = excluded.deleted_by, deleted_at = excluded.deleted_at")
                .setParameter(1, service.name).setParameter(2, service.sourceFile).setParameter(3, actorId)
                .setParameter(4, OffsetDateTime.now(ZoneOffset.UTC)).executeUpdate();
    }

    /** Every remembered deletion by service name: one query for an import, however many services it holds. */
    Map<String, Deleted> byName() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                "select name, source_file, deleted_by, deleted_at from catalog_deleted_service").getResultList();
        Map<String, Deleted> byName = new HashMap<>();
        rows.forEach(row -> byName.put((String) row[0], new Deleted((String) row[0], (String) row[1], (String) row[2],
                toInstant(row[3]))));
        return byName;
    }

    /** The name is in use again (registered in chat): the old deletion no longer speaks for it. */
    void forget(String name) {
        entityManager.createNativeQuery("delete from catalog_deleted_service where name = ?1")
                .setParameter(1, name).executeUpdate();
    }

    /** {@code file} was imported without these services: it no longer describes the deleted ones it used to. */
    void forgetThoseLeftOut(String file, Collection<String> namesInFile) {
        entityManager.createNativeQuery("delete from catalog_deleted_service where source_file = ?1 "
                        + "and not (name = any (cast(?2 as text[])))")
                .setParameter(1, file).setParameter(2, namesInFile.toArray(String[]::new)).executeUpdate();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}

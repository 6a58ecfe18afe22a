package dev.harbormaster.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The catalog's revision (V28): a sequence every statement that changes services or their environments moves, through
 * whichever door it came. Readers that keep something derived from the whole catalog compare it with the revision they
 * built from, instead of reading the catalog again on a timer.
 */
@ApplicationScoped
public class CatalogRevision {

    @Inject
    EntityManager entityManager;

    @Transactional(Transactional.TxType.SUPPORTS)
    public long current() {
        return ((Number) entityManager.createNativeQuery(
                "select case when is_called then last_value else 0 end from catalog_revision").getSingleResult()).longValue();
    }
}

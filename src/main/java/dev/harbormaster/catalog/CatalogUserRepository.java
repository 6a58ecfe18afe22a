package dev.harbormaster.catalog;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class CatalogUserRepository implements PanacheRepository<CatalogUser> {

    public Optional<CatalogUser> find(String namespace, String name) {
        return find("namespace = ?1 and name = ?2", namespace, name).firstResultOptional();
    }

    /** Users with these names in any namespace, however many names. */
    public List<CatalogUser> named(Collection<String> names) {
        return NamesInChunks.query(names, chunk -> list("name in ?1", chunk));
    }

    /** Users whose {@code memberOf} names any of these groups, including users persisted in this transaction. */
    @SuppressWarnings("unchecked")
    public List<CatalogUser> memberOfAny(Collection<String> groups) {
        flush();
        return getEntityManager().createNativeQuery("select * from catalog_user where jsonb_exists_any(member_of, "
                + "cast(?1 as text[]))", CatalogUser.class).setParameter(1, groups.toArray(String[]::new)).getResultList();
    }
}

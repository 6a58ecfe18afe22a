package dev.harbormaster.catalog;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class CatalogSystemRepository implements PanacheRepository<CatalogSystem> {

    public Optional<CatalogSystem> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    /** The named systems that exist, however many names. */
    public List<CatalogSystem> named(Collection<String> names) {
        return NamesInChunks.query(names, chunk -> list("name in ?1", chunk));
    }
}

package dev.harbormaster.catalog;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class CatalogSystemRepository implements PanacheRepository<CatalogSystem> {

    public Optional<CatalogSystem> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    /** The named systems that exist, in one query per thousand names. */
    public List<CatalogSystem> named(Collection<String> names) {
        List<String> all = List.copyOf(names);
        List<CatalogSystem> found = new ArrayList<>();
        for (int from = 0; from < all.size(); from += ServiceRepository.NAMES_PER_QUERY) {
            found.addAll(list("name in ?1", all.subList(from, Math.min(all.size(), from + ServiceRepository.NAMES_PER_QUERY))));
        }
        return found;
    }
}

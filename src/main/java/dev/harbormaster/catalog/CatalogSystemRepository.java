package dev.harbormaster.catalog;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

@ApplicationScoped
public class CatalogSystemRepository implements PanacheRepository<CatalogSystem> {

    public Optional<CatalogSystem> findByName(String name) {
        return find("name", name).firstResultOptional();
    }
}

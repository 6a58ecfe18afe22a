package dev.harbormaster.catalog;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

@ApplicationScoped
public class CatalogUserRepository implements PanacheRepository<CatalogUser> {

    public Optional<CatalogUser> find(String namespace, String name) {
        return find("namespace = ?1 and name = ?2", namespace, name).firstResultOptional();
    }
}

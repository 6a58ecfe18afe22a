package dev.harbormaster.addon;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class StoredCatalogRepository implements PanacheRepositoryBase<StoredCatalog, String> {
}

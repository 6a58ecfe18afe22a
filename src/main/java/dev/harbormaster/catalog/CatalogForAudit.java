package dev.harbormaster.catalog;

import dev.harbormaster.audit.AuditedCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** The catalog as the audit commands see it. */
@ApplicationScoped
public class CatalogForAudit implements AuditedCatalog {

    @Inject
    Catalog catalog;
    @Inject
    CatalogAuthorization authorization;
    @Inject
    CatalogSettings settings;
    @Inject
    SlackIdentities identities;

    @Override
    public boolean hasService(String name) {
        return catalog.service(name).isPresent();
    }

    @Override
    public List<String> serviceNamesLike(String typed) {
        return catalog.serviceNamesLike(typed);
    }

    @Override
    public boolean isPlatformAdmin(String userId) {
        return authorization.isPlatformAdmin(identities.identify(userId));
    }

    @Override
    public String adminTeam() {
        return settings.adminTeam();
    }
}

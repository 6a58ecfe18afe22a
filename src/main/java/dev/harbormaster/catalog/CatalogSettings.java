package dev.harbormaster.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** The service catalog: where descriptors come from and who may change them. */
@ConfigMapping(prefix = "harbormaster.catalog")
public interface CatalogSettings {

    /** HARBORMASTER_CATALOG_DIR: Backstage descriptor files (*.yaml, *.yml, recursively) imported at start. */
    Optional<String> importDir();

    /** HARBORMASTER_CATALOG_DEMO: in the sandbox with no import dir, load the demo catalog into an empty catalog. */
    @WithDefault("true")
    boolean demo();

    /** HARBORMASTER_ADMIN_TOKEN: bearer token for {@code POST /admin/catalog/import}; unset disables the endpoint. */
    Optional<String> adminToken();

    /** HARBORMASTER_CATALOG_ADMIN_TEAM: members of this team are platform admins (import, edit any service). */
    @WithDefault("platform")
    String adminTeam();

    /**
     * HARBORMASTER_ENVIRONMENTS: the environments the platform has. Catalog entries and approval policies may name
     * only these, so that a `prod` next to `production` cannot slip past the policies written for `production`.
     */
    @WithDefault("development,staging,production")
    List<String> environments();
}

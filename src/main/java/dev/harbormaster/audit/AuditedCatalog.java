package dev.harbormaster.audit;

import java.util.List;

/**
 * What the audit commands need to know of the catalog: which services exist (to tell a typo from a service with no
 * history yet) and who the platform admins are (who may checkpoint). The catalog answers; the audit trail sits below
 * every feature that records into it and never reads them itself.
 */
public interface AuditedCatalog {

    boolean hasService(String name);

    /** The service names closest to a typed one, for "did you mean". */
    List<String> serviceNamesLike(String typed);

    /** Whether this Slack user is a member of the platform admins' team. */
    boolean isPlatformAdmin(String userId);

    /** The platform admins' team, to name in a refusal. */
    String adminTeam();
}

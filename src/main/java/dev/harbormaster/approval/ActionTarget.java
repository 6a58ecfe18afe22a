package dev.harbormaster.approval;

/**
 * What an action touches, as far as policies care: {@code match.teams} compares the owning team,
 * {@code match.environments} the environment, {@code match.tiers} the tier. Any of them may be null.
 *
 * @param service     the service name, or null when the action is not about one
 * @param owningTeam  the team that owns the target in the catalog; the {@code owners} approver set
 */
public record ActionTarget(String service, String owningTeam, String environment, Integer tier) {

    /** How the audit trail names it, e.g. {@code service:payments-api}. */
    public String auditRef() {
        if (service != null) {
            return "service:" + service;
        }
        return owningTeam != null ? "team:" + owningTeam : "platform";
    }
}

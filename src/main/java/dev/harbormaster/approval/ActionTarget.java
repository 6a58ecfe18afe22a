package dev.harbormaster.approval;

import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an action touches, as far as policies care: {@code match.teams} compares the owning team,
 * {@code match.environments} the environments, {@code match.tiers} the tier. Any of them may be null.
 *
 * @param service      the service name, or null when the action is not about one
 * @param owningTeam   the team that owns the target in the catalog; the {@code owners} approver set
 * @param environment  the environment as the requester named it (what messages show), or null
 * @param environments every name policies see it under: {@code environment} and the names its workload location
 *                     (cluster and namespace) has had in the catalog, so that a policy on {@code production} still
 *                     applies after the environment is renamed or another one is pointed at the same namespace
 * @param severity     the alert severity an action is about ({@code match.severities}), or null when it is not about
 *                     one alert's severity; a policy naming severities applies to a null one (it may be any)
 * @param duration     how long the action lasts ({@code match.longer_than}, e.g. a silence), or null when it does not
 *                     say; a policy with {@code longer_than} applies to a null one
 */
public record ActionTarget(String service, String owningTeam, String environment, Integer tier, Set<String> environments,
                           String severity, Duration duration) {

    public ActionTarget {
        TreeSet<String> names = new TreeSet<>();
        if (environments != null) {
            environments.stream().filter(name -> name != null && !name.isBlank()).forEach(names::add);
        }
        if (environment != null) {
            names.add(environment);
        }
        environments = Collections.unmodifiableSortedSet(names);
    }

    public ActionTarget(String service, String owningTeam, String environment, Integer tier, Set<String> environments) {
        this(service, owningTeam, environment, tier, environments, null, null);
    }

    public ActionTarget(String service, String owningTeam, String environment, Integer tier) {
        this(service, owningTeam, environment, tier, Set.of());
    }

    /** How the audit trail names it, e.g. {@code service:payments-api}. */
    public String auditRef() {
        if (service != null) {
            return "service:" + service;
        }
        return owningTeam != null ? "team:" + owningTeam : "platform";
    }

    /** The environments besides the one named, e.g. {@code production} for a renamed {@code prod}. */
    public Set<String> otherNames() {
        TreeSet<String> others = new TreeSet<>(environments);
        if (environment != null) {
            others.remove(environment);
        }
        return others;
    }
}

package dev.harbormaster.approval;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Teams a policy names must exist in the catalog: a misspelt {@code match.teams} would make the policy never apply,
 * a misspelt {@code team:} in {@code require} would leave nobody to approve. Checked at start when the catalog has
 * teams (a bad name stops the start-up, with file, line and field; a catalog folder is imported in the background
 * after start, so a first start has none yet), and again whenever an action is
 * asked for, since the catalog changes while the bot runs: an action covered by a policy with a missing team is
 * refused until the policy or the catalog is fixed.
 */
@ApplicationScoped
public class PolicyTeamCheck {

    private static final Logger LOG = Logger.getLogger(PolicyTeamCheck.class);

    @Inject
    ApprovalPolicies policies;
    @Inject
    Organisation organisation;

    /** After the demo catalog's start-up import ({@code CatalogStartup} observes at the default priority). */
    @Transactional
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent start) {
        if (!organisation.hasTeams()) {
            LOG.warn("The catalog holds no teams yet (a catalog folder is imported after start), so the teams named by "
                    + "approval policies cannot be checked now; "
                    + "an action covered by a policy whose team is missing will be refused until it exists");
            return;
        }
        List<String> problems = missing(policies.evaluator().policies());
        if (!problems.isEmpty()) {
            throw new InvalidPolicyException(problems);
        }
    }

    /** Problems, one per missing team, of the policies that cover {@code action}; empty when all is well. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> missingFor(String action) {
        return missing(policies.evaluator().policies().stream().filter(p -> p.actions().contains(action)).toList());
    }

    private List<String> missing(List<ApprovalPolicy> covering) {
        return covering.stream().flatMap(policy -> policy.teamReferences().stream()
                        .filter(reference -> organisation.members(reference.team()).isEmpty())
                        .map(reference -> policy.source() + " line " + reference.line() + ": field `" + reference.field()
                                + "` names team `" + reference.team() + "`, which is not in the catalog"))
                .toList();
    }
}

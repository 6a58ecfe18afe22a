package dev.harbormaster.approval;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the approval engine needs to know of the organisation, and no more: who is in a team, where a team is asked,
 * who the platform admins are, which environments exist. The engine never reads the catalog itself; the team feature
 * answers (see {@code team/ApprovalOrganisation}), so approvals stay below the features they gate.
 */
public interface Organisation {

    /** The team's members as the catalog lists them (Slack ids or emails); empty when there is no such team. */
    Optional<List<String>> members(String team);

    /** Whether the catalog holds any team at all (a fresh installation may not, yet). */
    boolean hasTeams();

    /** The channel a team's approvers are asked in, when the team has one. */
    Optional<String> channel(String team);

    /** The team whose members are platform admins. */
    String adminTeam();

    /** The environments the platform has: the only ones policies may name. */
    Set<String> environments();
}

package dev.harbormaster.slack;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which workspaces and Enterprise Grid organisations may use the bot ({@code HARBORMASTER_ALLOWED_TEAM_IDS},
 * {@code HARBORMASTER_ALLOWED_ENTERPRISE_IDS}). Each list that is set must hold for every id of its kind the
 * request names, and the request must name at least one: a request that cannot be placed is refused, not
 * waved through.
 * <ul>
 *   <li>Neither list set: any correctly signed request is served.</li>
 *   <li>Both set: both must hold, so the team list narrows an allowed organisation to some of its workspaces
 *       (and a workspace outside every listed organisation is refused).</li>
 *   <li>Org-wide install (no workspace, an organisation): judged by the organisation; with a team list too, by
 *       the workspaces it does name (the person's home workspace), and refused when it names none.</li>
 *   <li>Slack Connect (a person from another workspace in an allowed workspace's channel): the person's home
 *       workspace ({@code user.team_id}, an event's {@code context_team_id}) must be allowed as well. The list says
 *       whose people may request and approve changes; an outside organisation's people are not among them
 *       unless listed, however the channel is shared.</li>
 * </ul>
 */
public final class WorkspaceAllowList {

    private final Optional<Set<String>> teams;
    private final Optional<Set<String>> enterprises;

    public WorkspaceAllowList(Optional<List<String>> teamIds, Optional<List<String>> enterpriseIds) {
        this.teams = cleaned(teamIds);
        this.enterprises = cleaned(enterpriseIds);
    }

    /** Empty when the request may be served, otherwise why not (for the log). */
    public Optional<String> refusal(SlackOrigin origin) {
        Optional<String> team = teams.flatMap(allowed -> refusal(origin.teamIds(), allowed, "workspace",
                "HARBORMASTER_ALLOWED_TEAM_IDS"));
        return team.isPresent() ? team : enterprises.flatMap(allowed -> refusal(origin.enterpriseIds(), allowed,
                "enterprise", "HARBORMASTER_ALLOWED_ENTERPRISE_IDS"));
    }

    private static Optional<String> refusal(Set<String> named, Set<String> allowed, String what, String setting) {
        if (named.isEmpty()) {
            return Optional.of("it names no " + what + " and " + setting + " is set");
        }
        Set<String> outside = new TreeSet<>(named);
        outside.removeAll(allowed);
        return outside.isEmpty() ? Optional.empty()
                : Optional.of(what + " " + String.join(", ", outside) + " is not on " + setting);
    }

    /** Blank entries are dropped; a list of only blanks is no list, as an empty variable is. */
    private static Optional<Set<String>> cleaned(Optional<List<String>> ids) {
        Set<String> set = ids.orElse(List.of()).stream().map(String::trim).filter(id -> !id.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        return set.isEmpty() ? Optional.empty() : Optional.of(set);
    }
}

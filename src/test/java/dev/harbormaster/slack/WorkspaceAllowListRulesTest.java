package dev.harbormaster.slack;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The allow-list's rules, one per situation the README names. */
class WorkspaceAllowListRulesTest {

    private static final SlackOrigin SANDBOX = origin(Set.of("T0SANDBOX"), Set.of());
    private static final SlackOrigin OTHER = origin(Set.of("T0OTHER"), Set.of("E0OTHER"));
    private static final SlackOrigin NOTHING = origin(Set.of(), Set.of());

    @Test
    void withoutListsEverySignedRequestIsServed() {
        WorkspaceAllowList any = list(null, null);
        assertTrue(any.refusal(OTHER).isEmpty());
        assertTrue(any.refusal(NOTHING).isEmpty());
        assertTrue(list(List.of(" ", ""), null).refusal(OTHER).isEmpty(), "a list of blanks is no list, as an empty variable");
    }

    @Test
    void theTeamListServesItsWorkspacesOnly() {
        WorkspaceAllowList sandboxOnly = list(List.of("T0SANDBOX"), null);
        assertTrue(sandboxOnly.refusal(SANDBOX).isEmpty());
        assertTrue(sandboxOnly.refusal(origin(Set.of("T0SANDBOX"), Set.of("E0ANY"))).isEmpty(), "no enterprise list: any organisation");
        assertEquals(Optional.of("workspace T0OTHER is not on HARBORMASTER_ALLOWED_TEAM_IDS"), sandboxOnly.refusal(OTHER));
        assertEquals(Optional.of("it names no workspace and HARBORMASTER_ALLOWED_TEAM_IDS is set"), sandboxOnly.refusal(NOTHING));
        assertTrue(list(List.of(" T0SANDBOX ", "T0ALSO"), null).refusal(SANDBOX).isEmpty(), "entries are trimmed");
    }

    @Test
    void aSlackConnectGuestIsRefusedUnlessTheirWorkspaceIsListedToo() {
        SlackOrigin guestInOurChannel = origin(Set.of("T0SANDBOX", "T0OTHER"), Set.of());
        assertEquals(Optional.of("workspace T0OTHER is not on HARBORMASTER_ALLOWED_TEAM_IDS"),
                list(List.of("T0SANDBOX"), null).refusal(guestInOurChannel));
        assertTrue(list(List.of("T0SANDBOX", "T0OTHER"), null).refusal(guestInOurChannel).isEmpty());
    }

    @Test
    void theEnterpriseListServesItsOrganisationsWorkspacesAndNoStandaloneOne() {
        WorkspaceAllowList orgOnly = list(null, List.of("E1"));
        assertTrue(orgOnly.refusal(origin(Set.of("T1"), Set.of("E1"))).isEmpty());
        assertTrue(orgOnly.refusal(origin(Set.of("T7"), Set.of("E1"))).isEmpty());
        assertEquals(Optional.of("enterprise E0OTHER is not on HARBORMASTER_ALLOWED_ENTERPRISE_IDS"), orgOnly.refusal(OTHER));
        assertEquals(Optional.of("it names no enterprise and HARBORMASTER_ALLOWED_ENTERPRISE_IDS is set"), orgOnly.refusal(SANDBOX));
    }

    @Test
    void withBothListsAWorkspaceMustBeListedAndInAListedOrganisation() {
        WorkspaceAllowList both = list(List.of("T1"), List.of("E1"));
        assertTrue(both.refusal(origin(Set.of("T1"), Set.of("E1"))).isEmpty());
        assertEquals(Optional.of("workspace T7 is not on HARBORMASTER_ALLOWED_TEAM_IDS"),
                both.refusal(origin(Set.of("T7"), Set.of("E1"))), "the team list narrows the organisation");
        assertEquals(Optional.of("enterprise E2 is not on HARBORMASTER_ALLOWED_ENTERPRISE_IDS"),
                both.refusal(origin(Set.of("T1"), Set.of("E2"))));
        assertEquals(Optional.of("it names no enterprise and HARBORMASTER_ALLOWED_ENTERPRISE_IDS is set"),
                both.refusal(origin(Set.of("T1"), Set.of())));
    }

    @Test
    void anOrgWideInstallIsJudgedByItsOrganisationAndByTheWorkspacesItNames() {
        SlackOrigin orgLevel = new SlackOrigin("block_actions", Set.of(), Set.of("E1"), true);
        assertTrue(list(null, List.of("E1")).refusal(orgLevel).isEmpty());
        assertEquals(Optional.of("it names no workspace and HARBORMASTER_ALLOWED_TEAM_IDS is set"),
                list(List.of("T1"), List.of("E1")).refusal(orgLevel));
        SlackOrigin personOfT1 = new SlackOrigin("block_actions", Set.of("T1"), Set.of("E1"), true);
        assertTrue(list(List.of("T1"), List.of("E1")).refusal(personOfT1).isEmpty());
    }

    private static WorkspaceAllowList list(List<String> teams, List<String> enterprises) {
        return new WorkspaceAllowList(Optional.ofNullable(teams), Optional.ofNullable(enterprises));
    }

    private static SlackOrigin origin(Set<String> teams, Set<String> enterprises) {
        return new SlackOrigin("slash command", teams, enterprises, false);
    }
}

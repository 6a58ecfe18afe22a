package dev.harbormaster.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.Locale;

/**
 * Who may change the catalog: members of the owning team may edit their services; platform admins
 * (members of {@code harbormaster.catalog.admin-team}) may edit anything and import. A member entry
 * matches by Slack user id or by email; nothing else (display names can be changed by anyone).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CatalogAuthorization {

    @Inject
    TeamRepository teams;
    @Inject
    CatalogSettings settings;

    public Permission mayEdit(Service service, CallerIdentity caller) {
        boolean owner = service.ownerTeam != null
                && teams.findByName(service.ownerTeam).map(team -> isMember(team, caller)).orElse(false);
        return new Permission(owner || isPlatformAdmin(caller), service.ownerTeam, settings.adminTeam());
    }

    public Permission mayImport(CallerIdentity caller) {
        return new Permission(isPlatformAdmin(caller), null, settings.adminTeam());
    }

    /** A team's own settings (its digest schedule, say): its members and platform admins. */
    public Permission mayManageTeam(Team team, CallerIdentity caller) {
        return new Permission(isMember(team, caller) || isPlatformAdmin(caller), team.name, settings.adminTeam());
    }

    /** The names of the teams the caller belongs to, in catalog order. */
    public java.util.List<String> teamsOf(CallerIdentity caller) {
        return teams.listByName().stream().filter(team -> isMember(team, caller)).map(team -> team.name).toList();
    }

    public boolean isPlatformAdmin(CallerIdentity caller) {
        return teams.findByName(settings.adminTeam()).map(team -> isMember(team, caller)).orElse(false);
    }

    static boolean isMember(Team team, CallerIdentity caller) {
        String email = caller.email().map(e -> e.toLowerCase(Locale.ROOT)).orElse(null);
        return team.members.stream().anyMatch(member -> member.equals(caller.userId())
                || email != null && member.toLowerCase(Locale.ROOT).equals(email));
    }
}

package dev.harbormaster.addon;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class AddonInstanceRepository implements PanacheRepositoryBase<AddonInstance, String> {

    /** The live (not deleted) add-on of that name. */
    public Optional<AddonInstance> live(String name) {
        return find("name = ?1 and state <> ?2", name, AddonState.DELETED).firstResultOptional();
    }

    public List<AddonInstance> liveOf(String service, List<String> services) {
        if (service != null) {
            return list("service = ?1 and state <> ?2", Sort.by("name"), service, AddonState.DELETED);
        }
        if (services != null) {
            return services.isEmpty() ? List.of()
                    : list("service in ?1 and state <> ?2", Sort.by("name"), services, AddonState.DELETED);
        }
        return list("state <> ?1", Sort.by("name"), AddonState.DELETED);
    }

    /** Ids whose step is due and that no replica holds. */
    public List<String> due(Instant now, int limit) {
        return getEntityManager().createQuery("select a.id from AddonInstance a where a.step is not null and a.dueAt <= :now"
                        + " and (a.claimedUntil is null or a.claimedUntil < :now) order by a.dueAt", String.class)
                .setParameter("now", now).setMaxResults(limit).getResultList();
    }

    /** Takes the step for one replica: true when this call won it. */
    public boolean claim(String id, String token, Instant now, Instant until) {
        return update("claimToken = ?1, claimedUntil = ?2 where id = ?3 and step is not null and dueAt <= ?4"
                + " and (claimedUntil is null or claimedUntil < ?4)", token, until, id, now) == 1;
    }
}

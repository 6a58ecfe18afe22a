package dev.harbormaster.catalog;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ServiceRepository implements PanacheRepository<Service> {

    static final int NAMES_PER_QUERY = 1000;

    public Optional<Service> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    public List<Service> listByName() {
        return listAll(Sort.by("name"));
    }

    public List<Service> ownedBy(String teamName) {
        return list("ownerTeam", Sort.by("name"), teamName);
    }

    /**
     * The named services with their environments, however many names: a query per thousand (a statement takes at most
     * 32,767 parameters).
     */
    public List<Service> withEnvironmentsNamed(Collection<String> names) {
        List<String> all = List.copyOf(names);
        List<Service> found = new ArrayList<>();
        for (int from = 0; from < all.size(); from += NAMES_PER_QUERY) {
            found.addAll(getEntityManager().createQuery("select distinct s from Service s left join fetch s.environments "
                    + "where s.name in ?1", Service.class)
                    .setParameter(1, all.subList(from, Math.min(all.size(), from + NAMES_PER_QUERY))).getResultList());
        }
        return found;
    }
}

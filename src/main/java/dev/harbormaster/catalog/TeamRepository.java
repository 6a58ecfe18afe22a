package dev.harbormaster.catalog;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class TeamRepository implements PanacheRepository<Team> {

    public Optional<Team> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    public List<Team> listByName() {
        return listAll(Sort.by("name"));
    }

    public List<String> names() {
        return getEntityManager().createQuery("select t.name from Team t order by t.name", String.class).getResultList();
    }

    /** The named teams that exist, in one query per thousand names. */
    public List<Team> named(Collection<String> names) {
        List<String> all = List.copyOf(names);
        List<Team> found = new ArrayList<>();
        for (int from = 0; from < all.size(); from += ServiceRepository.NAMES_PER_QUERY) {
            found.addAll(list("name in ?1", all.subList(from, Math.min(all.size(), from + ServiceRepository.NAMES_PER_QUERY))));
        }
        return found;
    }
}

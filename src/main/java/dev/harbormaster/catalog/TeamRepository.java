package dev.harbormaster.catalog;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

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

    /** The named teams that exist, however many names. */
    public List<Team> named(Collection<String> names) {
        return NamesInChunks.query(names, chunk -> list("name in ?1", chunk));
    }
}

package dev.harbormaster.catalog;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ServiceRepository implements PanacheRepository<Service> {

    public Optional<Service> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    public List<Service> listByName() {
        return listAll(Sort.by("name"));
    }

    public List<Service> ownedBy(String teamName) {
        return list("ownerTeam", Sort.by("name"), teamName);
    }

    /** The named services with their environments, however many names. */
    public List<Service> withEnvironmentsNamed(Collection<String> names) {
        return NamesInChunks.query(names, chunk -> getEntityManager().createQuery("select distinct s from Service s "
                + "left join fetch s.environments where s.name in ?1", Service.class).setParameter(1, chunk).getResultList());
    }
}

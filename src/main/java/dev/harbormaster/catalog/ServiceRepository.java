package dev.harbormaster.catalog;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

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

    public List<String> names() {
        return getEntityManager().createQuery("select s.name from Service s order by s.name", String.class).getResultList();
    }
}

package dev.harbormaster.catalog;

import dev.harbormaster.command.Suggestions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads the service catalog: what other features ask about a service or a team. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Catalog {

    public static final int PAGE_SIZE = 10;

    @Inject
    ServiceRepository services;
    @Inject
    TeamRepository teams;
    @Inject
    CatalogSystemRepository systems;
    @Inject
    CatalogUserRepository users;

    /**
     * The service with its environments loaded. Names are unique, and Hibernate folds the joined rows into one
     * entity, so a single result is right (a first-result limit would make Hibernate page in memory).
     */
    public Optional<Service> service(String name) {
        return services.find("select s from Service s left join fetch s.environments where s.name = ?1", name)
                .singleResultOptional();
    }

    public Optional<ServiceDetails> details(String name) {
        return service(name).map(service -> new ServiceDetails(service, owningTeam(service),
                service.system == null ? Optional.empty() : systems.findByName(service.system)));
    }

    public Optional<Team> owningTeam(Service service) {
        return service.ownerTeam == null ? Optional.empty() : teams.findByName(service.ownerTeam);
    }

    public Optional<Team> team(String name) {
        return teams.findByName(name);
    }

    public List<Team> teams() {
        return teams.listByName();
    }

    /** Every email the catalog's teams name as a member or on-call, for learning their Slack ids ahead of use. */
    @SuppressWarnings("unchecked")
    public List<String> memberEmails() {
        return teams.getEntityManager().createNativeQuery("""
                        select distinct m from (
                          select jsonb_array_elements_text(members) as m from catalog_team
                          union all select on_call from catalog_team where on_call is not null) named
                        where m like '%@%'""")
                .getResultList();
    }

    public List<String> teamNames() {
        return teams.names();
    }

    /** Every service with its environments, in one query (the watcher's index and the simulated cluster's seed). */
    public List<Service> servicesWithEnvironments() {
        return services.getEntityManager().createQuery("select distinct s from Service s left join fetch s.environments",
                Service.class).getResultList();
    }

    public List<String> serviceNames() {
        return services.names();
    }

    /** The named services that exist (without their environments), in one query, whatever the number of names. */
    public List<Service> servicesNamed(java.util.Collection<String> names) {
        return names.isEmpty() ? List.of() : services.list("name in ?1", names);
    }

    public List<Service> ownedBy(String teamName) {
        return services.ownedBy(teamName);
    }

    /**
     * Services matching the query, a page at a time. The text matches names, descriptions and tags
     * (case-insensitive), and names close enough to be a typo of it.
     */
    public ServicePage search(ServiceQuery query) {
        List<Service> candidates = query.team() == null ? services.listByName() : services.ownedBy(query.team());
        String text = query.text() == null || query.text().isBlank() ? null : query.text().trim().toLowerCase(Locale.ROOT);
        Set<String> closeNames = text == null ? Set.of()
                : Set.copyOf(Suggestions.closest(text, candidates.stream().map(s -> s.name).toList(), 5));
        List<Service> matches = candidates.stream()
                .filter(s -> query.tier() == null || query.tier().equals(s.tier))
                .filter(s -> text == null || closeNames.contains(s.name) || matchesText(s, text))
                .toList();
        // A page past the end shows the last page under its own number, so "Previous page" leads somewhere
        // that has services and a huge --page cannot overflow the offset.
        int lastPage = Math.max(1, (matches.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        ServiceQuery shown = query.page() > lastPage ? query.withPage(lastPage) : query;
        int from = (shown.page() - 1) * PAGE_SIZE;
        int to = Math.min(from + PAGE_SIZE, matches.size());
        return new ServicePage(shown, matches.subList(from, to), matches.size(), PAGE_SIZE);
    }

    private static boolean matchesText(Service service, String text) {
        return contains(service.name, text) || contains(service.description, text)
                || service.tags.stream().anyMatch(tag -> contains(tag, text));
    }

    private static boolean contains(String value, String text) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(text);
    }

    /** The catalog person with this email (case-insensitive), e.g. to name whoever acted by name and email. */
    public Optional<CatalogUser> personByEmail(String email) {
        return email == null ? Optional.empty()
                : users.find("lower(email) = ?1", (Object) email.trim().toLowerCase(Locale.ROOT)).firstResultOptional();
    }

    /** The service whose {@code backstage.io/kubernetes-id} annotation is this id, with its environments. */
    public Optional<Service> serviceByKubernetesId(String kubernetesId) {
        return services.find("select distinct s from Service s left join fetch s.environments where s.kubernetesId = ?1",
                kubernetesId).stream().findFirst();
    }

    /**
     * The catalog environments that run in this namespace, with their services: on this cluster when one is given,
     * on any cluster otherwise.
     */
    public List<Environment> environmentsIn(String cluster, String namespace) {
        List<Environment> inNamespace = services.getEntityManager().createQuery("select e from Environment e "
                + "join fetch e.service where e.namespace = ?1 order by e.service.name, e.position", Environment.class)
                .setParameter(1, namespace).getResultList();
        return cluster == null ? inNamespace : inNamespace.stream().filter(e -> cluster.equals(e.cluster)).toList();
    }

    /** How many services each team owns, by team name. */
    public Map<String, Long> serviceCountsByTeam() {
        Map<String, Long> counts = new HashMap<>();
        services.getEntityManager()
                .createQuery("select s.ownerTeam, count(s) from Service s where s.ownerTeam is not null group by s.ownerTeam",
                        Object[].class)
                .getResultList()
                .forEach(row -> counts.put((String) row[0], (Long) row[1]));
        return counts;
    }
}

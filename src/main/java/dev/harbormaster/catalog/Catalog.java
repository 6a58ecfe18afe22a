package dev.harbormaster.catalog;

import dev.harbormaster.command.Suggestions;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.hibernate.jpa.HibernateHints;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads the service catalog: what other features ask about a service or a team. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Catalog {

    public static final int PAGE_SIZE = 10;
    private static final int SIMILAR_NAMES = 20;

    @Inject
    ServiceRepository services;
    @Inject
    TeamRepository teams;
    @Inject
    CatalogSystemRepository systems;
    @Inject
    CatalogUserRepository users;
    @Inject
    CatalogImportProgress importProgress;
    @Inject
    CatalogRevision revision;
    @Inject
    ServiceNameIndex nameIndex;

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

    /**
     * Every service with its environments, reduced to where its workloads run (name, owning team, Kubernetes id, cost
     * centre; each environment's name, cluster and namespace): the watcher's index, re-read when the catalog changed,
     * and the cost sources' mapping. Plain objects from one projection query, not managed entities: 50,000 services
     * with every column, JSON converted and a dirty-checking snapshot each would not fit the heap (a 256 MB heap spent
     * itself in full GCs on them).
     */
    @SuppressWarnings("unchecked")
    public List<Service> servicePlacements() {
        List<Service> placements = new ArrayList<>();
        // Rows are read a few thousand at a time, and the few distinct teams, clusters and namespaces are kept once
        // each rather than once per row: the index of a 50,000-service catalog then fits beside everything else.
        Map<String, String> canonical = new HashMap<>();
        try (Stream<Object[]> rows = services.getEntityManager().createNativeQuery("select s.name, s.owner_team,"
                        + " s.kubernetes_id, s.cost_center, e.name as environment, e.cluster, e.namespace"
                        + " from catalog_service s left join catalog_environment e on e.service_id = s.id"
                        + " order by s.name, e.position")
                .setHint(HibernateHints.HINT_FETCH_SIZE, 2000).getResultStream()) {
            Service[] current = new Service[1];
            rows.forEach(row -> {
                if (current[0] == null || !current[0].name.equals(row[0])) {
                    current[0] = new Service();
                    current[0].name = (String) row[0];
                    current[0].ownerTeam = canonical(canonical, row[1]);
                    current[0].kubernetesId = (String) row[2];
                    current[0].costCenter = canonical(canonical, row[3]);
                    placements.add(current[0]);
                }
                if (row[4] != null) {
                    Environment environment = new Environment();
                    environment.service = current[0];
                    environment.position = current[0].environments.size();
                    environment.name = canonical(canonical, row[4]);
                    environment.cluster = canonical(canonical, row[5]);
                    environment.namespace = canonical(canonical, row[6]);
                    current[0].environments.add(environment);
                }
            });
        }
        return placements;
    }

    private static String canonical(Map<String, String> seen, Object value) {
        return value == null ? null : seen.computeIfAbsent((String) value, same -> same);
    }

    /** The first {@code limit} services by name with their environments (the simulated cluster's seed). */
    public List<Service> firstServicesWithEnvironments(int limit) {
        List<Long> ids = services.getEntityManager().createQuery("select s.id from Service s order by s.name", Long.class)
                .setMaxResults(limit).getResultList();
        return ids.isEmpty() ? List.of() : services.getEntityManager().createQuery("select distinct s from Service s "
                + "left join fetch s.environments where s.id in ?1 order by s.name", Service.class)
                .setParameter(1, ids).getResultList();
    }

    /** Services that declare SLOs, in one query (the burn check's round, without reading every other service). */
    @SuppressWarnings("unchecked")
    public List<Service> servicesWithSlos() {
        return services.getEntityManager().createNativeQuery("select * from catalog_service where slos <> '[]'::jsonb "
                + "order by name", Service.class).getResultList();
    }

    /**
     * Up to {@value #SIMILAR_NAMES} service names nearest to {@code typed} by trigrams ({@link ServiceNameIndex}), the
     * candidates for "did you mean": only these few are judged, however many services there are. Input longer than
     * any name could be yields none, whatever its length.
     */
    public List<String> serviceNamesLike(String typed) {
        if (typed == null || typed.isBlank() || typed.length() > Suggestions.LONGEST_TYPO) {
            return List.of();
        }
        return nameIndex.similar(typed, SIMILAR_NAMES);
    }

    /** The catalog's revision (V28): it moves with every statement that changes services or their environments. */
    public long revision() {
        return revision.current();
    }

    /** A sentence when the start-up import is still running (answers that find nothing say so), else empty. */
    public String importNotice() {
        return importProgress.notice();
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
     * (case-insensitive), and names close enough to be a typo of it. Filtered, counted and paged by the database: a
     * page reads its ten services, not the catalog.
     */
    public ServicePage search(ServiceQuery query) {
        String text = query.text() == null || query.text().isBlank() ? null : query.text().trim().toLowerCase(Locale.ROOT);
        String[] closeNames = text == null ? new String[0]
                : Suggestions.closest(text, serviceNamesLike(text), 5).toArray(String[]::new);
        String pattern = text == null ? null : "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String matching = " from catalog_service s where (cast(?1 as text) is null or s.owner_team = ?1)"
                + " and (cast(?2 as text) is null or s.tier = ?2)"
                + " and (cast(?3 as text) is null or lower(s.name) like ?3 or lower(coalesce(s.description, '')) like ?3"
                + " or exists (select 1 from jsonb_array_elements_text(s.tags) tag where lower(tag) like ?3)"
                + " or s.name = any (cast(?4 as text[])))";
        int total = ((Number) parameters(services.getEntityManager().createNativeQuery("select count(*)" + matching),
                query, pattern, closeNames).getSingleResult()).intValue();
        // A page past the end shows the last page under its own number, so "Previous page" leads somewhere
        // that has services and a huge --page cannot overflow the offset.
        int lastPage = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        ServiceQuery shown = query.page() > lastPage ? query.withPage(lastPage) : query;
        @SuppressWarnings("unchecked")
        List<Number> ids = parameters(services.getEntityManager().createNativeQuery("select s.id" + matching
                + " order by s.name limit " + PAGE_SIZE + " offset " + (shown.page() - 1) * PAGE_SIZE), query, pattern,
                closeNames).getResultList();
        List<Service> page = ids.isEmpty() ? List.of()
                : services.list("id in ?1", Sort.by("name"), ids.stream().map(Number::longValue).toList());
        return new ServicePage(shown, page, total, PAGE_SIZE);
    }

    private static Query parameters(Query sql, ServiceQuery query, String pattern, String[] closeNames) {
        return sql.setParameter(1, query.team()).setParameter(2, query.tier()).setParameter(3, pattern)
                .setParameter(4, closeNames);
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

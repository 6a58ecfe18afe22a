package dev.harbormaster.catalog;

import dev.harbormaster.audit.AuditTrail;
import dev.harbormaster.catalog.BackstageEntity.ComponentEntity;
import dev.harbormaster.catalog.BackstageEntity.GroupEntity;
import dev.harbormaster.catalog.BackstageEntity.SystemEntity;
import dev.harbormaster.catalog.BackstageEntity.UserEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes Backstage descriptors into the catalog. One call is one unit of atomicity: a file, a pasted
 * YAML or one REST request is validated completely first, and written in one transaction only when
 * every document in it is valid. Entities are upserted by name, so re-importing updates them.
 */
@ApplicationScoped
public class CatalogImport {

    @Inject
    ServiceRepository services;
    @Inject
    TeamRepository teams;
    @Inject
    CatalogUserRepository users;
    @Inject
    CatalogSystemRepository systems;
    @Inject
    AuditTrail auditTrail;
    @Inject
    Event<ServiceEnvironmentsSaved> environmentsSaved;
    @Inject
    CatalogSettings settings;
    @Inject
    DeletedServices deletedServices;
    @Inject
    ImportedFiles importedFiles;
    @Inject
    CatalogNotices notices;

    /**
     * Validates {@code yaml} (named {@code file} in problems) and, when all of it is valid, stores it and
     * records {@code catalog.imported} in the audit log for {@code actorId} (a Slack user id, {@code startup}
     * or {@code admin-api}).
     */
    @Transactional
    public ImportReport importYaml(String actorId, String file, String yaml) {
        return importYaml(actorId, file, yaml, true);
    }

    /**
     * One file of the catalog folder at start-up. The folder is read file by file, so a service's team may come in a
     * later file: owners are not checked here. The file's digest is remembered with what it wrote, so the next start
     * (of any replica) skips it while it stays the same.
     */
    @Transactional
    ImportReport importFolderFile(String file, String yaml, String digest) {
        ImportReport report = importYaml("startup", file, yaml, false);
        if (report.imported()) {
            importedFiles.remember(file, digest);
        }
        return report;
    }

    private ImportReport importYaml(String actorId, String file, String yaml, boolean checkOwners) {
        BackstageFile parsed = new BackstageImporter(Set.copyOf(settings.environments())).read(file, yaml);
        if (!parsed.valid()) {
            return ImportReport.rejected(parsed);
        }
        Map<String, Integer> created = new TreeMap<>();
        Map<String, Integer> updated = new TreeMap<>();
        Map<String, Integer> unchanged = new TreeMap<>();
        List<String> conflicts = new ArrayList<>();
        List<UserEntity> userEntities = new ArrayList<>();
        List<GroupEntity> groupEntities = new ArrayList<>();
        List<String> serviceNames = new ArrayList<>();
        List<Service> savedServices = new ArrayList<>();
        for (BackstageEntity entity : parsed.entities()) {
            if (entity instanceof UserEntity user) {
                userEntities.add(user);
            } else if (entity instanceof GroupEntity group) {
                groupEntities.add(group);
            }
        }
        // Everything the file names is read up front, a query per kind, never one per entity: a 50,000-service
        // folder would otherwise cost 50,000 round trips before the first insert.
        CatalogSnapshot known = snapshot(parsed.entities(), userEntities, groupEntities);
        // Users first: group members resolve to the emails of users from this import or an earlier one.
        for (UserEntity user : userEntities) {
            count(upsertUser(user, file, known), "User", created, updated);
        }
        Set<String> groupsHere = new LinkedHashSet<>();
        groupEntities.forEach(g -> groupsHere.add(g.name()));
        List<CatalogUser> usersNamingGroups = groupsHere.isEmpty() ? List.of() : users.memberOfAny(groupsHere);
        for (GroupEntity group : groupEntities) {
            count(upsertGroup(group, known, usersNamingGroups), "Group", created, updated);
        }
        addNewMembersToEarlierGroups(userEntities, groupsHere, known);
        Map<String, DeletedServices.Deleted> deletedInChat = parsed.entities().stream()
                .anyMatch(ComponentEntity.class::isInstance) ? deletedServices.byName() : Map.of();
        for (BackstageEntity entity : parsed.entities()) {
            if (entity instanceof SystemEntity system) {
                count(upsertSystem(system, known), "System", created, updated);
            } else if (entity instanceof ComponentEntity component) {
                DeletedServices.Deleted deleted = deletedInChat.get(component.name());
                if (deleted != null) {
                    conflicts.add(deletedConflict(file, deleted));
                    continue;
                }
                String digest = ChatEdits.digest(component);
                Service existing = known.services().get(component.name());
                Service service = existing == null ? new Service() : existing;
                if (service.id != null && digest.equals(service.sourceDigest)) {
                    unchanged.merge("Component", 1, Integer::sum);
                    continue;
                }
                count(service.id == null, "Component", created, updated);
                Map<ChatEdits.Field, Object> kept = upsertService(component, file, service, digest);
                if (!kept.isEmpty()) {
                    String conflict = conflict(file, service, kept);
                    conflicts.add(conflict);
                    notices.importConflict(service, conflict);
                }
                serviceNames.add(component.name());
                savedServices.add(service);
            }
        }
        deletedServices.forgetThoseLeftOut(file, parsed.entities().stream()
                .filter(ComponentEntity.class::isInstance).map(BackstageEntity::name).toList());
        services.flush();
        environmentsSaved.fire(new ServiceEnvironmentsSaved(savedServices));
        if (!created.isEmpty() || !updated.isEmpty() || !conflicts.isEmpty()) {
            auditTrail.record(actorId, "catalog.imported", "catalog", Map.of("file", file, "created", created,
                    "updated", updated, "services", serviceNames, "conflicts", conflicts.size()));
        }
        List<String> warnings = new ArrayList<>(parsed.warnings());
        Set<String> existingTeams = checkOwners ? Set.copyOf(teams.names()) : Set.of();
        for (BackstageEntity entity : checkOwners ? parsed.entities() : List.<BackstageEntity>of()) {
            if (entity instanceof ComponentEntity component && component.owner() != null
                    && !existingTeams.contains(EntityRef.parse(component.owner()).name())) {
                warnings.add(file + ": " + component.ref() + " spec.owner `" + component.owner() + "` is no team in the"
                        + " catalog: nobody is its owner for approvals and messages until that team is imported");
            }
        }
        return new ImportReport(file, true, created, updated, unchanged, parsed.skipped(), List.of(), warnings, conflicts);
    }

    /** What the catalog holds already of everything the file names, keyed as the file refers to it. */
    private record CatalogSnapshot(Map<String, Service> services, Map<String, Team> teams,
                                   Map<String, CatalogUser> users, Map<String, CatalogSystem> systems) {

        static String userKey(String namespace, String name) {
            return namespace + "/" + name;
        }
    }

    private CatalogSnapshot snapshot(List<BackstageEntity> entities, List<UserEntity> userEntities,
                                     List<GroupEntity> groupEntities) {
        Set<String> serviceNames = new HashSet<>();
        Set<String> systemNames = new HashSet<>();
        Set<String> teamNames = new HashSet<>();
        Set<String> userNames = new HashSet<>();
        for (BackstageEntity entity : entities) {
            if (entity instanceof ComponentEntity component) {
                serviceNames.add(component.name());
            } else if (entity instanceof SystemEntity system) {
                systemNames.add(system.name());
            }
        }
        for (UserEntity user : userEntities) {
            userNames.add(user.name());
            teamNames.addAll(user.memberOf());
        }
        for (GroupEntity group : groupEntities) {
            teamNames.add(group.name());
            group.memberRefs().forEach(ref -> userNames.add(EntityRef.parse(ref).name()));
        }
        Map<String, Service> knownServices = new HashMap<>();
        services.withEnvironmentsNamed(serviceNames).forEach(service -> knownServices.put(service.name, service));
        Map<String, Team> knownTeams = new HashMap<>();
        teams.named(teamNames).forEach(team -> knownTeams.put(team.name, team));
        Map<String, CatalogUser> knownUsers = new HashMap<>();
        users.named(userNames).forEach(user -> knownUsers.put(CatalogSnapshot.userKey(user.namespace, user.name), user));
        Map<String, CatalogSystem> knownSystems = new HashMap<>();
        systems.named(systemNames).forEach(system -> knownSystems.put(system.name, system));
        return new CatalogSnapshot(knownServices, knownTeams, knownUsers, knownSystems);
    }

    private boolean upsertUser(UserEntity entity, String file, CatalogSnapshot known) {
        String key = CatalogSnapshot.userKey(entity.namespace(), entity.name());
        CatalogUser existing = known.users().get(key);
        CatalogUser user = existing == null ? new CatalogUser() : existing;
        user.namespace = entity.namespace();
        user.name = entity.name();
        user.email = entity.email();
        user.displayName = entity.displayName();
        user.memberOf = new ArrayList<>(entity.memberOf());
        user.source = entity.ref() + " (" + file + ")";
        if (existing == null) {
            users.persist(user);
            known.users().put(key, user);
        }
        return existing == null;
    }

    private boolean upsertGroup(GroupEntity entity, CatalogSnapshot known, List<CatalogUser> usersNamingGroups) {
        Team existing = known.teams().get(entity.name());
        Team team = existing == null ? new Team() : existing;
        team.name = entity.name();
        team.displayName = entity.displayName();
        team.description = entity.description();
        team.email = entity.email();
        team.type = entity.type();
        team.parent = entity.parent();
        team.slackChannel = entity.slackChannel();
        team.onCall = entity.onCall();
        team.timeZone = entity.timeZone();
        team.digestSchedule = entity.digestSchedule();
        team.members = members(entity, known, usersNamingGroups);
        team.source = entity.ref();
        if (existing == null) {
            teams.persist(team);
            known.teams().put(team.name, team);
        }
        return existing == null;
    }

    /** Members named in {@code spec.members} plus users whose {@code memberOf} names the group, as emails where known. */
    private static List<String> members(GroupEntity group, CatalogSnapshot known, List<CatalogUser> usersNamingGroups) {
        Set<String> members = new LinkedHashSet<>();
        for (String ref : group.memberRefs()) {
            EntityRef user = EntityRef.parse(ref);
            CatalogUser found = known.users().get(CatalogSnapshot.userKey(user.namespace(), user.name()));
            members.add(found == null ? user.name() : identity(found));
        }
        usersNamingGroups.stream()
                .filter(user -> user.memberOf.contains(group.name()))
                .forEach(user -> members.add(identity(user)));
        return new ArrayList<>(members);
    }

    /** A user imported after their group still becomes a member of it. */
    private static void addNewMembersToEarlierGroups(List<UserEntity> newUsers, Set<String> groupsHere,
                                                     CatalogSnapshot known) {
        for (UserEntity user : newUsers) {
            for (String groupName : user.memberOf()) {
                Team team = groupsHere.contains(groupName) ? null : known.teams().get(groupName);
                String member = user.email() == null || user.email().isBlank() ? user.name() : user.email();
                if (team != null && !team.members.contains(member)) {
                    List<String> members = new ArrayList<>(team.members);
                    members.add(member);
                    team.members = members;
                }
            }
        }
    }

    private static String identity(CatalogUser user) {
        return user.email == null || user.email.isBlank() ? user.name : user.email;
    }

    private boolean upsertSystem(SystemEntity entity, CatalogSnapshot known) {
        CatalogSystem existing = known.systems().get(entity.name());
        CatalogSystem system = existing == null ? new CatalogSystem() : existing;
        system.name = entity.name();
        system.namespace = entity.namespace();
        system.description = entity.description();
        system.owner = entity.owner();
        system.domain = entity.domain();
        system.source = entity.ref();
        if (existing == null) {
            systems.persist(system);
            known.systems().put(system.name, system);
        }
        return existing == null;
    }

    /**
     * Writes the descriptor over the service, except for fields changed in chat that the descriptor disagrees with.
     *
     * @return those fields, with the value the file has for each
     */
    private Map<ChatEdits.Field, Object> upsertService(ComponentEntity entity, String file, Service service, String digest) {
        boolean created = service.id == null;
        Map<ChatEdits.Field, Object> kept = ChatEdits.disagreements(entity, service);
        Map<ChatEdits.Field, Object> chatValues = ChatEdits.values(service, kept.keySet());
        service.name = entity.name();
        service.namespace = entity.namespace();
        service.description = entity.description();
        service.owner = entity.owner();
        EntityRef owner = EntityRef.parse(entity.owner());
        service.ownerTeam = owner.namesGroup() ? owner.name() : null;
        service.type = entity.type();
        service.system = entity.system() == null ? null : EntityRef.parse(entity.system()).name();
        service.lifecycle = entity.lifecycle();
        service.tier = entity.tier();
        service.repoUrl = entity.repoUrl();
        service.runbookUrl = entity.runbookUrl();
        service.links = new ArrayList<>(entity.links());
        service.tags = new ArrayList<>(entity.tags());
        service.dependsOn = new ArrayList<>(entity.dependsOn());
        service.kubernetesId = entity.kubernetesId();
        service.annotations = new HashMap<>(entity.annotations());
        service.costCenter = entity.costCenter();
        service.slos = new ArrayList<>(entity.slos());
        service.sourceRef = entity.ref();
        service.sourceFile = file;
        service.sourceDigest = digest;
        if (created) {
            // persisted before its environments are added, which join at the flush: the file's services are then
            // inserted one after the other, and their environments after them, each table in JDBC batches
            services.persist(service);
        }
        service.replaceEnvironments(entity.environments());
        ChatEdits.restore(service, chatValues);
        service.chatEditedFields = new ArrayList<>(kept.keySet().stream().map(Enum::name).toList());
        return kept;
    }

    /** One line for the import report and the owning team, mrkdwn: what the file says and what chat set instead. */
    private static String conflict(String file, Service service, Map<ChatEdits.Field, Object> kept) {
        List<String> fields = new ArrayList<>();
        Map<ChatEdits.Field, Object> chatValues = ChatEdits.values(service, kept.keySet());
        kept.forEach((field, fileValue) -> fields.add(field.label() + " " + Mrkdwn.code(field.show(chatValues.get(field)))
                + " (the file says " + Mrkdwn.code(field.show(fileValue)) + ")"));
        String by = (service.chatEditedBy == null ? "in chat" : "in chat by " + Mrkdwn.person(service.chatEditedBy))
                + (service.chatEditedAt == null ? "" : " on " + day(service.chatEditedAt));
        return Mrkdwn.code(service.name) + " in " + Mrkdwn.code(file) + ": kept " + String.join(", ", fields)
                + ", as set " + by + ". Change the file to match, or change the service in chat again; the file "
                + "takes over each field once it says the same.";
    }

    private static String deletedConflict(String file, DeletedServices.Deleted deleted) {
        return Mrkdwn.code(deleted.name()) + " in " + Mrkdwn.code(file) + ": not re-created, it was deleted in chat by "
                + Mrkdwn.person(deleted.deletedBy()) + " on " + day(deleted.deletedAt())
                + ". Remove it from the file, or register it anew.";
    }

    /** The UTC day of an instant, e.g. 2026-12-02: enough to find the change in the audit trail. */
    private static String day(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static void count(boolean created, String kind, Map<String, Integer> createdCounts,
                              Map<String, Integer> updatedCounts) {
        (created ? createdCounts : updatedCounts).merge(kind, 1, Integer::sum);
    }
}

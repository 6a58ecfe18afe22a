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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        // Users first: group members resolve to the emails of users from this import or an earlier one.
        for (UserEntity user : userEntities) {
            count(upsertUser(user, file), "User", created, updated);
        }
        Set<String> groupsHere = new LinkedHashSet<>();
        groupEntities.forEach(g -> groupsHere.add(g.name()));
        // read once per import, not once per group: every group looks for the users that name it
        List<CatalogUser> allUsers = groupEntities.isEmpty() ? List.of() : users.listAll();
        for (GroupEntity group : groupEntities) {
            count(upsertGroup(group, allUsers), "Group", created, updated);
        }
        addNewMembersToEarlierGroups(userEntities, groupsHere);
        Map<String, DeletedServices.Deleted> deletedInChat = parsed.entities().stream()
                .anyMatch(ComponentEntity.class::isInstance) ? deletedServices.byName() : Map.of();
        for (BackstageEntity entity : parsed.entities()) {
            if (entity instanceof SystemEntity system) {
                count(upsertSystem(system), "System", created, updated);
            } else if (entity instanceof ComponentEntity component) {
                DeletedServices.Deleted deleted = deletedInChat.get(component.name());
                if (deleted != null) {
                    conflicts.add(deletedConflict(file, deleted));
                    continue;
                }
                String digest = ChatEdits.digest(component);
                Service service = services.findByName(component.name()).orElseGet(Service::new);
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
        for (BackstageEntity entity : checkOwners ? parsed.entities() : List.<BackstageEntity>of()) {
            if (entity instanceof ComponentEntity component && component.owner() != null
                    && teams.findByName(EntityRef.parse(component.owner()).name()).isEmpty()) {
                warnings.add(file + ": " + component.ref() + " spec.owner `" + component.owner() + "` is no team in the"
                        + " catalog: nobody is its owner for approvals and messages until that team is imported");
            }
        }
        return new ImportReport(file, true, created, updated, unchanged, parsed.skipped(), List.of(), warnings, conflicts);
    }

    private boolean upsertUser(UserEntity entity, String file) {
        Optional<CatalogUser> existing = users.find(entity.namespace(), entity.name());
        CatalogUser user = existing.orElseGet(CatalogUser::new);
        user.namespace = entity.namespace();
        user.name = entity.name();
        user.email = entity.email();
        user.displayName = entity.displayName();
        user.memberOf = new ArrayList<>(entity.memberOf());
        user.source = entity.ref() + " (" + file + ")";
        if (existing.isEmpty()) {
            users.persist(user);
        }
        return existing.isEmpty();
    }

    private boolean upsertGroup(GroupEntity entity, List<CatalogUser> allUsers) {
        Optional<Team> existing = teams.findByName(entity.name());
        Team team = existing.orElseGet(Team::new);
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
        team.members = members(entity, allUsers);
        team.source = entity.ref();
        if (existing.isEmpty()) {
            teams.persist(team);
        }
        return existing.isEmpty();
    }

    /** Members named in {@code spec.members} plus users whose {@code memberOf} names the group, as emails where known. */
    private List<String> members(GroupEntity group, List<CatalogUser> allUsers) {
        Set<String> members = new LinkedHashSet<>();
        for (String ref : group.memberRefs()) {
            EntityRef user = EntityRef.parse(ref);
            members.add(users.find(user.namespace(), user.name()).map(CatalogImport::identity).orElse(user.name()));
        }
        allUsers.stream()
                .filter(user -> user.memberOf.contains(group.name()))
                .forEach(user -> members.add(identity(user)));
        return new ArrayList<>(members);
    }

    /** A user imported after their group still becomes a member of it. */
    private void addNewMembersToEarlierGroups(List<UserEntity> newUsers, Set<String> groupsHere) {
        for (UserEntity user : newUsers) {
            for (String groupName : user.memberOf()) {
                if (groupsHere.contains(groupName)) {
                    continue;
                }
                teams.findByName(groupName).ifPresent(team -> {
                    String member = user.email() == null || user.email().isBlank() ? user.name() : user.email();
                    if (!team.members.contains(member)) {
                        List<String> members = new ArrayList<>(team.members);
                        members.add(member);
                        team.members = members;
                    }
                });
            }
        }
    }

    private static String identity(CatalogUser user) {
        return user.email == null || user.email.isBlank() ? user.name : user.email;
    }

    private boolean upsertSystem(SystemEntity entity) {
        Optional<CatalogSystem> existing = systems.findByName(entity.name());
        CatalogSystem system = existing.orElseGet(CatalogSystem::new);
        system.name = entity.name();
        system.namespace = entity.namespace();
        system.description = entity.description();
        system.owner = entity.owner();
        system.domain = entity.domain();
        system.source = entity.ref();
        if (existing.isEmpty()) {
            systems.persist(system);
        }
        return existing.isEmpty();
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
        service.replaceEnvironments(entity.environments());
        ChatEdits.restore(service, chatValues);
        service.chatEditedFields = new ArrayList<>(kept.keySet().stream().map(Enum::name).toList());
        if (created) {
            services.persist(service);
        }
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

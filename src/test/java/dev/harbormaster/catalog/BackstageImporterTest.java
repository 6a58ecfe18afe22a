package dev.harbormaster.catalog;

import dev.harbormaster.catalog.BackstageEntity.ComponentEntity;
import dev.harbormaster.catalog.BackstageEntity.GroupEntity;
import dev.harbormaster.catalog.BackstageEntity.UserEntity;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackstageImporterTest {

    private final BackstageImporter importer = new BackstageImporter();

    @Test
    void everyFixtureReadsAndOnlyTheInvalidComponentIsRejected() {
        List<BackstageEntity> entities = new ArrayList<>();
        Map<String, Integer> skipped = new HashMap<>();
        List<BackstageFile> rejected = new ArrayList<>();
        for (Path path : BackstageFixtures.files()) {
            BackstageFile file = importer.read(BackstageFixtures.name(path), BackstageFixtures.read(path));
            if (file.valid()) {
                entities.addAll(file.entities());
                file.skipped().forEach((kind, n) -> skipped.merge(kind, n, Integer::sum));
            } else {
                rejected.add(file);
            }
        }
        assertEquals(List.of("components/invalid-component.yaml"), rejected.stream().map(BackstageFile::file).toList());
        assertEquals(23, count(entities, ComponentEntity.class));
        assertEquals(9, count(entities, GroupEntity.class));
        assertEquals(17, count(entities, UserEntity.class));
        assertEquals(3, count(entities, BackstageEntity.SystemEntity.class));
        assertEquals(Map.of("Location", 6, "Domain", 3, "Resource", 1), skipped);
    }

    @Test
    void theInvalidComponentIsReportedByFileDocumentAndField() {
        Path path = BackstageFixtures.DIR.resolve("components/invalid-component.yaml");
        BackstageFile file = importer.read("components/invalid-component.yaml", BackstageFixtures.read(path));
        assertTrue(file.entities().isEmpty());
        assertTrue(file.problems().get(0).startsWith(
                "components/invalid-component.yaml, document 1: metadata.name \"invalid component\" is not a valid name"),
                file.problems().get(0));
        assertTrue(file.problems().stream().anyMatch(p -> p.contains("metadata.tags[1] \"go 1.15.3\" is not a valid tag")),
                file.problems().toString());
    }

    @Test
    void componentsKeepLinksTagsKubernetesIdAndOwnerAsWritten() {
        ComponentEntity artist = component("components/artist-lookup-component.yaml");
        assertEquals(List.of("java", "data"), artist.tags());
        assertEquals(7, artist.links().size());
        assertEquals(new Link("Examples Users", "https://example.com/user", null), artist.links().get(0));
        assertEquals("artist-engagement-portal", artist.system());

        assertEquals("samdi-api", component("components/samdi-api-component.yaml").kubernetesId());
        assertEquals("user:guest", component("components/playback-order-component.yaml").owner());
        ComponentEntity elsewhere = component("components/different-namespace.yaml");
        assertEquals("alternative", elsewhere.namespace());
        assertEquals("default/team-a", elsewhere.owner());
    }

    @Test
    void groupsAndUsersKeepProfilesAndMemberships() {
        BackstageFile teamA = importer.read("acme/team-a-group.yaml",
                BackstageFixtures.read(BackstageFixtures.DIR.resolve("acme/team-a-group.yaml")));
        GroupEntity group = (GroupEntity) teamA.entities().get(0);
        assertEquals("backstage", group.parent());
        assertEquals("team-a@example.com", group.email());
        UserEntity guestElsewhere = (UserEntity) teamA.entities().get(5);
        assertEquals("development", guestElsewhere.namespace());
        assertEquals(List.of("team-a"), guestElsewhere.memberOf());
    }

    @Test
    void aTeamsTimeZoneComesFromItsAnnotation() {
        BackstageFile file = importer.read("teams.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: sre
                  annotations:
                    harbormaster.dev/timezone: Europe/Dublin
                spec:
                  type: team
                  children: []
                """);
        assertTrue(file.valid(), file.problems().toString());
        assertEquals("Europe/Dublin", ((GroupEntity) file.entities().get(0)).timeZone());
    }

    @Test
    void harbormasterAnnotationsAndSpecBlockAreRead() {
        BackstageFile file = importer.read("demo-catalog/payments-api.yaml",
                CatalogStartup.classpathText("demo-catalog/payments-api.yaml"));
        assertTrue(file.valid(), file.problems().toString());
        ComponentEntity payments = (ComponentEntity) file.entities().get(0);
        assertEquals(1, payments.tier());
        assertEquals("CC-1042", payments.costCenter());
        assertEquals("https://runbooks.example.com/payments-api", payments.runbookUrl());
        assertEquals("https://github.com/example/payments-api/", payments.repoUrl());
        assertEquals(List.of("staging", "production"), payments.environments().stream().map(EnvironmentSpec::name).toList());
        EnvironmentSpec production = payments.environments().get(1);
        assertEquals(3, production.replicasMin());
        assertEquals(10, production.replicasMax());
        assertEquals("IE", production.country());
        assertEquals(99.95, payments.slos().get(0).objective());
    }

    @Test
    void theDemoCatalogPassesValidation() {
        for (String target : CatalogStartup.demoTargets()) {
            String path = "demo-catalog/" + target.replaceFirst("^\\./", "");
            BackstageFile file = importer.read(path, CatalogStartup.classpathText(path));
            assertTrue(file.valid(), file.problems().toString());
            assertFalse(file.entities().isEmpty(), path);
        }
    }

    @Test
    void oddButImportableEntriesAreWarnedAboutAndBadQuantitiesAreRefused() {
        BackstageFile odd = importer.read("odd.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: Fraud_Scorer}
                spec: {type: service, lifecycle: prod, owner: group:payments}
                """);
        assertTrue(odd.valid(), odd.problems().toString());
        assertEquals(2, odd.warnings().size(), odd.warnings().toString());
        assertTrue(odd.warnings().get(0).contains("spec.lifecycle \"prod\" is not a lifecycle Backstage knows"), odd.warnings().toString());
        assertTrue(odd.warnings().get(1).contains("metadata.name \"Fraud_Scorer\" cannot name a Kubernetes workload"),
                odd.warnings().toString());

        BackstageFile broken = importer.read("broken.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: ledger-api}
                spec:
                  type: service
                  lifecycle: production
                  owner: group:payments
                  harbormaster:
                    environments:
                      - {name: production, namespace: Ledger_Prod, cpu: lots, memory: much}
                """);
        assertFalse(broken.valid());
        String problems = String.join("\n", broken.problems());
        assertTrue(problems.contains("namespace \"Ledger_Prod\" is not a Kubernetes namespace name"), problems);
        assertTrue(problems.contains("cpu \"lots\" is not a Kubernetes quantity"), problems);
        assertTrue(problems.contains("memory \"much\" is not a Kubernetes quantity"), problems);
    }

    @Test
    void everyProblemInADocumentIsListed() {
        String yaml = """
                apiVersion: backstage.io/v2
                kind: Component
                metadata:
                  name: ok-name
                  annotations:
                    harbormaster.dev/tier: "7"
                spec:
                  type: service
                  harbormaster:
                    environments:
                      - name: production
                        replicas: {min: 5, max: 2}
                    slos:
                      - name: availability
                        objective: 120
                """;
        List<String> problems = importer.read("bad.yaml", yaml).problems();
        assertEquals(List.of(
                "bad.yaml, document 1: apiVersion \"backstage.io/v2\" is not supported: use backstage.io/v1alpha1 or backstage.io/v1beta1",
                "bad.yaml, document 1: spec.lifecycle is required",
                "bad.yaml, document 1: spec.owner is required",
                "bad.yaml, document 1: metadata.annotations.harbormaster.dev/tier \"7\" is not a tier: use \"1\", \"2\", \"3\" or \"4\"",
                "bad.yaml, document 1: spec.harbormaster.environments[0].replicas min 5 is greater than max 2",
                "bad.yaml, document 1: spec.harbormaster.slos[0].objective must be a percentage above 0 and at most 100, e.g. 99.9"),
                problems);
    }

    @Test
    void brokenYamlAndDuplicatesAreProblemsNotExceptions() {
        assertTrue(importer.read("broken.yaml", "kind: Component\nmetadata: [unclosed").problems().get(0)
                .startsWith("broken.yaml, document 1: not valid YAML"));
        String twice = """
                apiVersion: backstage.io/v1alpha1
                kind: System
                metadata: {name: same}
                spec: {owner: a}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: System
                metadata: {name: same}
                spec: {owner: b}
                """;
        assertEquals(List.of("twice.yaml, document 2: system:default/same is already defined in document 1 of this file"),
                importer.read("twice.yaml", twice).problems());
    }

    private ComponentEntity component(String file) {
        BackstageFile read = importer.read(file, BackstageFixtures.read(BackstageFixtures.DIR.resolve(file)));
        assertTrue(read.valid(), read.problems().toString());
        return (ComponentEntity) read.entities().get(0);
    }

    private static long count(List<BackstageEntity> entities, Class<?> kind) {
        return entities.stream().filter(kind::isInstance).count();
    }
}

package dev.harbormaster.catalog;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class CatalogImportTest {

    @Inject
    CatalogStartup startup;
    @Inject
    CatalogImport catalogImport;
    @Inject
    Catalog catalog;
    @Inject
    ServiceRepository services;

    @Test
    void everyFixtureFileImportsExceptTheInvalidOneAndReimportUpdates() {
        List<ImportReport> reports = startup.importDirectory(BackstageFixtures.DIR);
        assertEquals(BackstageFixtures.files().size(), reports.size());
        List<ImportReport> rejected = reports.stream().filter(r -> !r.imported()).toList();
        assertEquals(List.of("components/invalid-component.yaml"), rejected.stream().map(ImportReport::source).toList());
        assertTrue(rejected.get(0).problems().get(0).contains("metadata.name \"invalid component\""));
        assertTrue(catalog.service("invalid component").isEmpty());

        Service artist = catalog.service("artist-lookup").orElseThrow();
        assertEquals(List.of("java", "data"), artist.tags);
        assertEquals(7, artist.links.size());
        assertEquals("https://example.com/alert", artist.links.get(6).url());
        assertEquals("team-a", artist.ownerTeam);
        assertEquals("component:default/artist-lookup", artist.sourceRef);
        assertEquals("components/artist-lookup-component.yaml", artist.sourceFile);
        assertEquals("samdi-api", catalog.service("samdi-api").orElseThrow().kubernetesId);
        Service guestOwned = catalog.service("playback-order").orElseThrow();
        assertEquals("user:guest", guestOwned.owner);
        assertEquals(null, guestOwned.ownerTeam);
        assertEquals("sre", catalog.service("dream11-svc").orElseThrow().owner);

        Team teamA = catalog.team("team-a").orElseThrow();
        assertTrue(teamA.members.containsAll(List.of("breanna-davison@example.com", "janelle-dawe@example.com",
                "nigel-manning@example.com", "guest@example.com")), teamA.members.toString());
        assertEquals(4, teamA.members.size());
        assertEquals("backstage", teamA.parent);

        long before = services.count();
        List<ImportReport> again = startup.importDirectory(BackstageFixtures.DIR);
        assertEquals(before, services.count());
        assertEquals(List.of("components/invalid-component.yaml"), again.stream().map(ImportReport::source).toList(),
                "a second start reads only the file it could not import; the others are unchanged since");
        ImportReport artistAgain = catalogImport.importYaml("UCAROL", "components/artist-lookup-component.yaml",
                BackstageFixtures.read(BackstageFixtures.DIR.resolve("components/artist-lookup-component.yaml")));
        assertEquals(Map.of("Component", 1), artistAgain.unchanged());
        assertEquals(Map.of(), artistAgain.updated());
        assertEquals(Map.of(), artistAgain.created());
    }

    @Test
    void aServiceOwnedByNoKnownTeamIsImportedWithAWarning() {
        String name = "orphan-" + UUID.randomUUID().toString().substring(0, 8);
        ImportReport report = catalogImport.importYaml("UCAROL", "orphan.yaml", component(name, "group:ghost-team", ""));
        assertTrue(report.imported(), report.problems().toString());
        assertEquals(1, report.warnings().size(), report.warnings().toString());
        assertTrue(report.warnings().get(0).contains("spec.owner `group:ghost-team` is no team in the catalog"),
                report.warnings().toString());
        assertTrue(ImportReportMessage.text(report).contains(":warning: 1 warning"), ImportReportMessage.text(report));
    }

    @Test
    void aFileWithOneBadDocumentWritesNothing() {
        String good = "atomic-" + UUID.randomUUID().toString().substring(0, 8);
        String yaml = component(good, "payments", "") + "---\n" + component("Not Valid!", "payments", "");
        ImportReport report = catalogImport.importYaml("system", "mixed.yaml", yaml);
        assertFalse(report.imported());
        assertEquals(1, report.problems().size());
        assertTrue(report.problems().get(0).startsWith("mixed.yaml, document 2: metadata.name \"Not Valid!\""));
        assertTrue(catalog.service(good).isEmpty());
    }

    @Test
    void reimportReplacesEnvironmentsByNameAndUsersJoinEarlierGroups() {
        String name = "envs-" + UUID.randomUUID().toString().substring(0, 8);
        String team = "team-" + UUID.randomUUID().toString().substring(0, 8);
        catalogImport.importYaml("system", "team.yaml", group(team));
        ImportReport user = catalogImport.importYaml("system", "user.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata: {name: %s-dev}
                spec: {profile: {email: dev@%s.example}, memberOf: [group:default/%s]}
                """.formatted(team, team, team));
        assertEquals(Map.of("User", 1), user.created());
        Team stored = catalog.team(team).orElseThrow();
        assertEquals(List.of("dev@" + team + ".example"), stored.members);
        assertEquals(team, stored.slackChannel);

        assertTrue(catalogImport.importYaml("system", "a.yaml", component(name, team, """
                  harbormaster:
                    environments:
                      - {name: staging, cluster: c1, replicas: {min: 1, max: 2}}
                      - {name: production, cluster: c1, replicas: {min: 2, max: 4}}
                """)).imported());
        assertTrue(catalogImport.importYaml("system", "a.yaml", component(name, team, """
                  harbormaster:
                    environments:
                      - {name: production, cluster: c2, replicas: {min: 3, max: 9}}
                      - {name: development, cluster: c2}
                """)).imported());
        Service service = catalog.service(name).orElseThrow();
        assertEquals(List.of("production", "development"), service.environments.stream().map(e -> e.name).toList());
        assertEquals("c2", service.environments.get(0).cluster);
        assertEquals(9, service.environments.get(0).replicasMax);
    }

    @Test
    void anEnvironmentThePlatformDoesNotHaveIsRefusedAndNothingOfTheFileIsWritten() {
        String name = "envs-" + UUID.randomUUID().toString().substring(0, 6);
        ImportReport report = catalogImport.importYaml("system", "prod.yaml", component(name, "payments", """
                  harbormaster:
                    environments:
                      - {name: staging, cluster: c1}
                      - {name: prod, cluster: eks-eu-1, namespace: payments}
                """));
        assertFalse(report.imported());
        assertEquals(List.of("prod.yaml, document 1: spec.harbormaster.environments[1].name \"prod\" is not one of the "
                + "platform's environments (development, production, staging): approval policies are written for those, so "
                + "another name would escape them. Did you mean `production`? Ask the platform team to add it to "
                + "HARBORMASTER_ENVIRONMENTS if it is new."), report.problems());
        assertTrue(catalog.service(name).isEmpty());
    }

    @Test
    @Transactional
    void theDemoCatalogImportsWithPaymentsApiInTwoEnvironments() {
        dev.harbormaster.testing.DemoCatalog.forgetChatChanges();
        startup.importDemo();
        Service payments = catalog.service("payments-api").orElseThrow();
        assertEquals("payments", payments.ownerTeam);
        assertEquals(1, payments.tier);
        assertEquals(List.of("staging", "production"), payments.environments.stream().map(e -> e.name).toList());
        Team team = catalog.team("payments").orElseThrow();
        assertTrue(team.members.containsAll(List.of("alice@example.com", "bob@example.com")));
        assertEquals("alice@example.com", team.onCall);
        assertTrue(catalog.team("platform").orElseThrow().members.contains("carol@example.com"));
    }

    /** A team whose Slack channel has its name. */
    static String group(String name) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: %s
                  annotations: {harbormaster.dev/slack-channel: "#%s"}
                spec: {type: team, children: []}
                """.formatted(name, name);
    }

    static String component(String name, String owner, String extraSpec) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                spec:
                  type: service
                  lifecycle: production
                  owner: %s
                %s""".formatted(name, owner, extraSpec);
    }
}

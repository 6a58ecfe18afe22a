package dev.harbormaster.catalog;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a service's truth lives: the catalog folder is imported at every start, and what was changed in chat since
 * (an approved transfer, a deletion) must not be undone by it, nor silently disagree with it.
 */
@QuarkusTest
class CatalogTruthTest {

    @Inject
    CatalogStartup startup;
    @Inject
    CatalogImport catalogImport;
    @Inject
    CatalogChanges changes;
    @Inject
    Catalog catalog;
    @Inject
    EntityManager entityManager;

    Path folder;
    String service;
    String teamA;
    String teamB;

    @BeforeEach
    void catalogFolder() throws IOException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        service = "truth-" + suffix;
        teamA = "alpha-" + suffix;
        teamB = "beta-" + suffix;
        folder = Files.createTempDirectory("catalog-truth");
        Files.writeString(folder.resolve("teams.yaml"), CatalogImportTest.group(teamA) + "---\n" + CatalogImportTest.group(teamB));
        writeService(teamA, "first words");
        List<ImportReport> first = startup.importDirectory(folder);
        assertTrue(first.stream().allMatch(ImportReport::imported), first.toString());
    }

    @Test
    void aTransferApprovedInChatSurvivesRestartsAndAFileThatStillNamesTheOldOwnerIsReportedNotApplied() throws IOException {
        changes.transfer(service, teamB, "UBOB");

        List<ImportReport> restart = startup.importDirectory(folder);
        assertEquals(List.of(), restart, "a start with the same files reads none of them again");
        assertEquals(teamB, owner());

        writeService(teamA, "second words");
        ImportReport changedFile = only(startup.importDirectory(folder));
        assertEquals("second words", stored().description, "what chat did not change follows the file");
        assertEquals(teamB, owner(), "the owner approved in chat stays");
        assertEquals(1, changedFile.conflicts().size(), changedFile.toString());
        assertTrue(changedFile.conflicts().get(0).contains("kept owner `" + teamB + "` (the file says `" + teamA + "`)"),
                changedFile.conflicts().get(0));
        assertTrue(changedFile.conflicts().get(0).contains("<@UBOB>"), changedFile.conflicts().get(0));
        assertTrue(ImportReportMessage.text(changedFile).contains("1 conflict with changes made in chat"),
                ImportReportMessage.text(changedFile));
        assertEquals(1, noticesAbout(service, "disagrees with a change made in chat"), "the owning team hears of it once");

        writeService(teamB, "second words");
        ImportReport agreeing = only(startup.importDirectory(folder));
        assertEquals(List.of(), agreeing.conflicts());
        assertEquals(List.of(), stored().chatEditedFields, "the file owns the owner again");

        writeService(teamA, "second words");
        ImportReport handedBack = only(startup.importDirectory(folder));
        assertEquals(List.of(), handedBack.conflicts());
        assertEquals(teamA, owner(), "once the file agreed, its later changes apply");
        assertEquals(1, noticesAbout(service, "disagrees with a change made in chat"));
    }

    @Test
    void aServiceDeletedInChatIsNotBroughtBackByItsFileUntilTheFileDropsIt() throws IOException {
        changes.delete(service, "UBOB");

        writeService(teamA, "edited after the deletion");
        ImportReport stillListed = only(startup.importDirectory(folder));
        assertTrue(stored() == null, "the deletion stands");
        assertEquals(1, stillListed.conflicts().size(), stillListed.toString());
        assertTrue(stillListed.conflicts().get(0).contains("not re-created, it was deleted in chat by <@UBOB>"),
                stillListed.conflicts().get(0));

        Files.writeString(folder.resolve("service.yaml"), CatalogImportTest.component("other-" + service, teamA, ""));
        assertTrue(only(startup.importDirectory(folder)).conflicts().isEmpty());
        writeService(teamA, "listed anew");
        ImportReport readded = only(startup.importDirectory(folder));
        assertEquals(List.of(), readded.conflicts());
        assertEquals("listed anew", stored().description,
                "listed again after the file dropped it, the service is the file's to create");
    }

    @Test
    void theSameDescriptorImportedAgainChangesNothingAndSaysSo() {
        ImportReport again = catalogImport.importYaml("UCAROL", "service.yaml", read("service.yaml"));
        assertEquals(java.util.Map.of("Component", 1), again.unchanged());
        assertTrue(again.updated().isEmpty(), again.toString());
        assertTrue(ImportReportMessage.text(again).contains("Unchanged since the last import: 1 Component"),
                ImportReportMessage.text(again));
    }

    private String owner() {
        return stored().ownerTeam;
    }

    /** Read in a transaction of its own: the test's request-scoped session would hand back what it read before. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Service stored() {
        return catalog.service(service).orElse(null);
    }

    private void writeService(String owner, String description) throws IOException {
        Files.writeString(folder.resolve("service.yaml"), CatalogImportTest.component(service, owner, "")
                .replace("spec:\n", "  description: " + description + "\nspec:\n"));
    }

    private String read(String file) {
        try {
            return Files.readString(folder.resolve(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ImportReport only(List<ImportReport> reports) {
        assertEquals(1, reports.size(), "only the changed file is read: " + reports);
        assertTrue(reports.get(0).imported(), reports.get(0).problems().toString());
        return reports.get(0);
    }

    @Transactional
    long noticesAbout(String name, String phrase) {
        return ((Number) entityManager.createNativeQuery(
                        "select count(*) from outbox_message where text like ?1 and text like ?2")
                .setParameter(1, "%" + name + "%").setParameter(2, "%" + phrase + "%").getSingleResult()).longValue();
    }
}

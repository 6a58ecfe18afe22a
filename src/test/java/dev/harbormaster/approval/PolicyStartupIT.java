package dev.harbormaster.approval;

import dev.harbormaster.testing.PackagedBot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Policies fail closed, as an operator meets it: the packaged jar with a mounted policy folder holding a misspelt
 * action, environment or team does not start, and says which file, line and field to fix.
 */
class PolicyStartupIT {

    @TempDir
    Path work;

    @Test
    void aMisspeltActionOrEnvironmentStopsTheStartUpNamingFileLineAndField() throws Exception {
        Path approvals = Files.createDirectories(work.resolve("approvals"));
        Files.writeString(approvals.resolve("production-changes.yaml"), """
                # production changes need an owner
                name: production-changes
                match:
                  actions: [deploy, rolback]
                  environments: [prodution]
                require:
                  - count: 1
                    from: owners
                """);
        String log = failedStart(approvals, "typo");
        assertTrue(log.contains("approvals/production-changes.yaml line 4: field `match.actions[1]` is `rolback`"), log);
        assertTrue(log.contains("approvals/production-changes.yaml line 5: field `match.environments[0]` is `prodution`"), log);
    }

    @Test
    void aTeamTheCatalogDoesNotHoldStopsTheStartUpOnceTheCatalogIsLoaded() throws Exception {
        Path approvals = Files.createDirectories(work.resolve("approvals"));
        Files.writeString(approvals.resolve("service-deletion.yaml"), """
                # deletions need the platform team
                name: service-deletion
                match:
                  actions: [service delete]
                require:
                  - count: 1
                    from: team:platfrom
                """);
        String log = failedStart(approvals, "team");
        assertTrue(log.contains("approvals/service-deletion.yaml line 7: field `require[0].from` names team `platfrom`, "
                + "which is not in the catalog"), log);
    }

    private String failedStart(Path approvals, String name) throws Exception {
        Path log = work.resolve(name + ".log");
        AssertionError refused = assertThrows(AssertionError.class, () -> PackagedBot.start(work.resolve(name + "-data"),
                PackagedBot.freePort(), "policy-startup-it", log,
                Map.of("HARBORMASTER_APPROVALS_DIR", approvals.toString())).close());
        assertTrue(refused.getMessage().contains("exited during start-up"), refused.getMessage());
        return Files.readString(log);
    }
}

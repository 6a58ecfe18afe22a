package dev.harbormaster.slack;

import dev.harbormaster.testing.SignedSlackRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With an allow-list, a correctly signed request from another workspace is told no and runs nothing. */
@QuarkusTest
@TestProfile(WorkspaceAllowListTest.OtherWorkspaceOnly.class)
class WorkspaceAllowListTest {

    public static class OtherWorkspaceOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("harbormaster.slack.allowed-team-ids", "T0ALLOWED,T0ALSO");
        }
    }

    @Test
    void commandsFromAWorkspaceOutsideTheListAreRefused() {
        var response = SignedSlackRequest.command("UALICE", "CPAYMENTS", "owner payments-api");
        assertEquals(200, response.statusCode());
        String body = response.body().asString();
        assertTrue(body.contains("not enabled for this workspace"), body);
        assertFalse(body.contains("payments-api"), body);
    }
}

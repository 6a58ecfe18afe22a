package dev.harbormaster.addon.broker;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

@QuarkusTest
@TestProfile(BrokerDisabledTest.Disabled.class)
class BrokerDisabledTest {

    public static class Disabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("harbormaster.osb-broker.enabled", "false");
        }
    }

    @Inject
    BrokerAccess access;

    @Test
    void aDisabledBrokerIsNotThereEvenWithValidCredentials() {
        given().auth().preemptive().basic(access.username(), access.password()).header("X-Broker-API-Version", "2.17")
                .get("/osb/v2/catalog").then().statusCode(404);
        given().auth().preemptive().basic(access.username(), access.password()).header("X-Broker-API-Version", "2.17")
                .contentType("application/json")
                .body(Map.of("service_id", BrokerCatalog.SERVICE_ID, "plan_id", BrokerCatalog.SMALL_PLAN_ID))
                .put("/osb/v2/service_instances/" + UUID.randomUUID() + "?accepts_incomplete=true").then().statusCode(404);
    }
}

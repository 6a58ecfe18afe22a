package dev.harbormaster.catalog;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(CatalogImportResourceWithTokenTest.WithAdminToken.class)
class CatalogImportResourceWithTokenTest {

    private static final String TOKEN = "test-admin-token-0123456789";

    public static class WithAdminToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("harbormaster.catalog.admin-token", TOKEN);
        }
    }

    @Inject
    Catalog catalog;

    @Test
    void aMissingOrWrongTokenIsRefused() {
        String yaml = CatalogImportTest.component("rest-refused", "payments", "");
        given().contentType("application/yaml").body(bytes(yaml)).post("/admin/catalog/import")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().contentType("application/yaml").header("Authorization", "Bearer " + TOKEN + "x").body(bytes(yaml))
                .post("/admin/catalog/import").then().statusCode(403);
        assertTrue(catalog.service("rest-refused").isEmpty());
    }

    @Test
    void validYamlIsImportedAndReported() {
        String name = "rest-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType("application/yaml").header("Authorization", "Bearer " + TOKEN)
                .body(bytes(CatalogImportTest.component(name, "payments", "") + "---\napiVersion: backstage.io/v1alpha1\n"
                        + "kind: Location\nmetadata: {name: elsewhere}\nspec: {targets: [./x.yaml]}\n"))
                .post("/admin/catalog/import")
                .then().statusCode(200)
                .body("imported", equalTo(true))
                .body("created.Component", equalTo(1))
                .body("skipped.Location", equalTo(1));
        assertTrue(catalog.service(name).isPresent());
    }

    @Test
    void invalidDescriptorsGet422WithEveryProblemAndNonYamlGets400() {
        given().contentType("text/plain").header("Authorization", "Bearer " + TOKEN)
                .body(bytes(CatalogImportTest.component("rest bad", "payments", "")))
                .post("/admin/catalog/import")
                .then().statusCode(422)
                .body("imported", equalTo(false))
                .body("problems[0]", containsString("request body, document 1: metadata.name \"rest bad\""));
        given().contentType("application/json").header("Authorization", "Bearer " + TOKEN).body("{\"kind\":\"Component\"}")
                .post("/admin/catalog/import").then().statusCode(400).body("message", containsString("application/yaml"));
        given().contentType("application/yaml").header("Authorization", "Bearer " + TOKEN).body(bytes("kind: [unclosed"))
                .post("/admin/catalog/import").then().statusCode(400).body("problems[0]", containsString("not valid YAML"));
    }

    /** RestAssured only encodes strings for the content types it knows; YAML goes as bytes. */
    private static byte[] bytes(String yaml) {
        return yaml.getBytes(StandardCharsets.UTF_8);
    }
}

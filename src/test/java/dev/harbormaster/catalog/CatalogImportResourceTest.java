package dev.harbormaster.catalog;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class CatalogImportResourceTest {

    @Test
    void withoutAnAdminTokenConfiguredTheEndpointSaysHowToEnableIt() {
        given().contentType("application/yaml").header("Authorization", "Bearer anything")
                .body(bytes(CatalogImportTest.component("rest-disabled", "payments", "")))
                .post("/admin/catalog/import")
                .then().statusCode(403).body("message", containsString("Set HARBORMASTER_ADMIN_TOKEN"));
    }

    /** RestAssured only encodes strings for the content types it knows; YAML goes as bytes. */
    private static byte[] bytes(String yaml) {
        return yaml.getBytes(StandardCharsets.UTF_8);
    }
}

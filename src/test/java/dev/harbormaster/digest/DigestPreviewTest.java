package dev.harbormaster.digest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.harbormaster.catalog.CatalogImport;
import dev.harbormaster.cost.CostPolling;
import dev.harbormaster.testing.DemoCatalog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a newcomer sees in the sandbox: {@code /platform digest payments --preview} as alice shows the demo cost with
 * its chart (uploaded the way Slack takes files, served by the sandbox), the demo SLOs and the DORA figures, only to her.
 */
@QuarkusTest
class DigestPreviewTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CostPolling polling;
    @Inject
    CatalogImport catalogImport;

    @Test
    void thePreviewShowsCostChartSlosAndDoraOnlyToTheCaller() throws Exception {
        DemoCatalog.restore(catalogImport, "users.yaml", "teams.yaml", "payments-api.yaml", "services.yaml");
        polling.poll();
        RestAssured.given().contentType("application/json").body("{}").post("/sandbox/reset").then().statusCode(200);
        String answer = RestAssured.given().contentType("application/json")
                .body("{\"user\":\"alice\",\"channel\":\"payments\",\"text\":\"digest payments --preview\"}")
                .post("/sandbox/command").then().statusCode(200).extract().asString();
        JsonNode blocks = blocksOf(answer);
        String text = blocks.toString();
        assertTrue(text.contains("Digest · Payments"), text);
        assertTrue(text.matches("(?s).*\\*Cost\\* [0-9,]+\\.\\d\\d USD.*"), "demo cost, in its currency: " + text);
        assertTrue(text.contains("Month to date") && text.contains("forecast"), text);
        assertTrue(text.contains("payments-api / availability") && text.contains("(demo data)"), text);
        assertTrue(text.contains("Deployment frequency") && text.contains("Lead time for changes"), text);
        assertTrue(text.contains("Cost per service"), "the detail is in the preview too: " + text);
        assertTrue(text.contains("Preview, only for you"), text);

        String fileId = imageFile(blocks);
        Response png = RestAssured.get("/sandbox/files/" + fileId);
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.contentType());
        byte[] bytes = png.asByteArray();
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bytes, 4));
        assertTrue(bytes.length > 5_000, "a drawn chart, not an empty image: " + bytes.length + " bytes");

        JsonNode others = JSON.readTree(RestAssured.get("/sandbox/messages?channel=payments&user=bob").body().asString());
        assertFalse(others.toString().contains("Digest · Payments"), "only alice sees her preview");
    }

    @Test
    void anUploadUrlTakesOnlyTheBytesItWasReservedForAndAFileIsServedOnlyWhenComplete() {
        assertEquals(404, RestAssured.get("/sandbox/files/FNOSUCHFILE").statusCode());
        assertEquals(400, RestAssured.given().contentType("application/octet-stream").body(new byte[]{1, 2, 3})
                .post("/sandbox/files/upload/FNOSUCHFILE").statusCode());
    }

    private static JsonNode blocksOf(String answer) throws Exception {
        JsonNode body = JSON.readTree(answer);
        JsonNode ack = body.path("ack");
        if (ack.path("blocks").isArray() && !ack.path("blocks").isEmpty()) {
            return ack.path("blocks");
        }
        // answered after the ack (a slow machine): the reply is the newest ephemeral message to alice
        JsonNode messages = JSON.readTree(RestAssured.get("/sandbox/messages?channel=payments&user=alice").body().asString());
        List<JsonNode> digests = new ArrayList<>();
        messages.forEach(m -> {
            if (m.path("text").asText("").startsWith("Digest for")) {
                digests.add(m.path("blocks"));
            }
        });
        return digests.isEmpty() ? ack.path("blocks") : digests.get(digests.size() - 1);
    }

    private static String imageFile(JsonNode blocks) {
        for (JsonNode block : blocks) {
            if ("image".equals(block.path("type").asText())) {
                return block.path("slack_file").path("id").asText();
            }
        }
        throw new AssertionError("no image block in " + blocks);
    }
}

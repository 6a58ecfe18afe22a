package dev.harbormaster.addon.broker;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Drives the reference broker over HTTP like a platform would, against the real embedded PostgreSQL. */
@QuarkusTest
class ReferenceBrokerTest {

    private static final String SMALL = BrokerCatalog.SMALL_PLAN_ID;
    private static final String MEDIUM = BrokerCatalog.MEDIUM_PLAN_ID;
    private static final String SERVICE = BrokerCatalog.SERVICE_ID;

    @Inject
    BrokerAccess access;

    @Inject
    DataSource dataSource;

    private RequestSpecification broker() {
        return given().auth().preemptive().basic(access.username(), access.password())
                .header("X-Broker-API-Version", "2.17").contentType("application/json");
    }

    private static Map<String, Object> provisionBody(String planId, Map<String, Object> parameters) {
        return Map.of("service_id", SERVICE, "plan_id", planId, "organization_guid", "org", "space_guid", "space",
                "parameters", parameters);
    }

    @Test
    void catalogOffersPostgresqlInPlansSmallAndMedium() {
        broker().get("/osb/v2/catalog").then().statusCode(200)
                .body("services.size()", equalTo(1))
                .body("services[0].name", equalTo("postgresql"))
                .body("services[0].id", equalTo(SERVICE))
                .body("services[0].bindable", equalTo(true))
                .body("services[0].plans.name", containsInAnyOrder("small", "medium"))
                .body("services[0].plans.find { it.name == 'small' }.free", equalTo(true))
                .body("services[0].plans.find { it.name == 'medium' }.free", equalTo(false))
                .body("services[0].plans[0].schemas.service_instance.create.parameters.properties",
                        hasKey("connection_limit"));
    }

    @Test
    void theGateAsksForCredentialsAndTheApiVersion() {
        given().header("X-Broker-API-Version", "2.17").get("/osb/v2/catalog").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Basic"));
        given().auth().preemptive().basic(access.username(), access.password() + "x")
                .header("X-Broker-API-Version", "2.17").get("/osb/v2/catalog").then().statusCode(401);
        given().auth().preemptive().basic(access.username(), access.password())
                .get("/osb/v2/catalog").then().statusCode(412).body("description", containsString("2.17"));
        given().auth().preemptive().basic(access.username(), access.password())
                .header("X-Broker-API-Version", "1.0").get("/osb/v2/catalog").then().statusCode(412);
    }

    @Test
    void provisioningIsAsynchronousOnlyAndChecksItsInput() {
        String id = UUID.randomUUID().toString();
        broker().body(provisionBody(SMALL, Map.of())).put("/osb/v2/service_instances/" + id)
                .then().statusCode(422).body("error", equalTo("AsyncRequired"));
        broker().body(Map.of("service_id", SERVICE, "plan_id", "no-such-plan"))
                .put("/osb/v2/service_instances/" + id + "?accepts_incomplete=true").then().statusCode(400);
        broker().body(Map.of("service_id", "no-such-service", "plan_id", SMALL))
                .put("/osb/v2/service_instances/" + id + "?accepts_incomplete=true").then().statusCode(400);
        broker().body(provisionBody(SMALL, Map.of("connection_limit", 500)))
                .put("/osb/v2/service_instances/" + id + "?accepts_incomplete=true").then().statusCode(400)
                .body("description", containsString("connection_limit"));
        broker().body(provisionBody(SMALL, Map.of("database_name_suffix", "x; DROP TABLE")))
                .put("/osb/v2/service_instances/" + id + "?accepts_incomplete=true").then().statusCode(400);
        broker().body("{not json").put("/osb/v2/service_instances/" + id + "?accepts_incomplete=true")
                .then().statusCode(400);
        broker().get("/osb/v2/service_instances/" + id + "/last_operation").then().statusCode(410);
        broker().get("/osb/v2/service_instances/" + id).then().statusCode(404);
    }

    @Test
    void aDatabaseIsProvisionedBoundUsedUnboundAndDeprovisioned() throws Exception {
        String id = UUID.randomUUID().toString();
        String instancePath = "/osb/v2/service_instances/" + id;
        Map<String, Object> parameters = Map.of("database_name_suffix", "orders", "connection_limit", 7);

        String operation = broker().body(provisionBody(SMALL, parameters))
                .put(instancePath + "?accepts_incomplete=true")
                .then().statusCode(202).extract().path("operation");
        assertTrue(operation != null && !operation.isBlank());
        awaitState(instancePath, "succeeded");

        String database = databaseOf(id);
        assertTrue(database.startsWith("hm_") && database.endsWith("_orders"), database);
        assertTrue(databaseExists(database), "database " + database + " exists in pg_database");
        assertEquals(7, connectionLimitOf(database));

        broker().body(provisionBody(SMALL, parameters)).put(instancePath + "?accepts_incomplete=true")
                .then().statusCode(200);
        broker().body(provisionBody(MEDIUM, parameters)).put(instancePath + "?accepts_incomplete=true")
                .then().statusCode(409);
        broker().body(provisionBody(SMALL, Map.of("connection_limit", 8))).put(instancePath + "?accepts_incomplete=true")
                .then().statusCode(409);
        broker().get(instancePath).then().statusCode(200)
                .body("service_id", equalTo(SERVICE)).body("plan_id", equalTo(SMALL))
                .body("parameters.connection_limit", equalTo(7));

        String bindingPath = instancePath + "/service_bindings/" + UUID.randomUUID();
        Map<String, Object> bindBody = Map.of("service_id", SERVICE, "plan_id", SMALL);
        Response bound = broker().body(bindBody).put(bindingPath);
        bound.then().statusCode(201)
                .body("credentials.database", equalTo(database))
                .body("credentials.uri", startsWith("postgresql://"));
        String username = bound.path("credentials.username");
        String password = bound.path("credentials.password");
        String jdbcUrl = "jdbc:postgresql://" + bound.path("credentials.host") + ":" + bound.<Integer>path("credentials.port")
                + "/" + database;
        assertTrue(bound.<String>path("credentials.uri").contains(username + ":" + password + "@"));
        try (Connection app = DriverManager.getConnection(jdbcUrl, username, password);
             Statement sql = app.createStatement()) {
            sql.execute("CREATE TABLE orders (id int)");
            try (ResultSet one = sql.executeQuery("select 1")) {
                assertTrue(one.next());
                assertEquals(1, one.getInt(1));
            }
        }

        Response repeated = broker().body(bindBody).put(bindingPath);
        repeated.then().statusCode(200).body("credentials.username", equalTo(username))
                .body("credentials.password", equalTo(password)).body("credentials.uri", equalTo(bound.path("credentials.uri")));
        broker().body(Map.of("service_id", SERVICE, "plan_id", SMALL, "parameters", Map.of("role", "x")))
                .put(bindingPath).then().statusCode(409);
        broker().body(Map.of("service_id", SERVICE, "plan_id", MEDIUM)).put(bindingPath).then().statusCode(409)
                .body("description", containsString("other attributes"));

        String unbindQuery = "?service_id=" + SERVICE + "&plan_id=" + SMALL;
        broker().delete(bindingPath + unbindQuery).then().statusCode(200).body("$", not(hasKey("error")));
        assertFalse(roleExists(username), "unbinding drops the login role");
        assertThrows(SQLException.class, () -> DriverManager.getConnection(jdbcUrl, username, password).close());
        broker().delete(bindingPath + unbindQuery).then().statusCode(410);

        broker().delete(instancePath + unbindQuery).then().statusCode(422).body("error", equalTo("AsyncRequired"));
        broker().delete(instancePath + unbindQuery + "&accepts_incomplete=true").then().statusCode(202)
                .body("operation", startsWith("deprovision"));
        awaitGone(instancePath);
        assertFalse(databaseExists(database), "deprovisioning drops the database");
        broker().delete(instancePath + unbindQuery + "&accepts_incomplete=true").then().statusCode(410);
    }

    @Test
    void bindingWaitsForTheInstanceToBeReady() {
        String id = UUID.randomUUID().toString();
        String instancePath = "/osb/v2/service_instances/" + id;
        Map<String, Object> bindBody = Map.of("service_id", SERVICE, "plan_id", MEDIUM);
        broker().body(bindBody).put(instancePath + "/service_bindings/" + UUID.randomUUID()).then().statusCode(400);

        broker().body(provisionBody(MEDIUM, Map.of())).put(instancePath + "?accepts_incomplete=true")
                .then().statusCode(202);
        // the worker may already have finished: then the binding is created, else refused until it has
        int status = broker().body(bindBody).put(instancePath + "/service_bindings/" + UUID.randomUUID()).statusCode();
        assertTrue(status == 422 || status == 201, "status " + status);
        awaitState(instancePath, "succeeded");
        broker().delete(instancePath + "?accepts_incomplete=true&service_id=" + SERVICE + "&plan_id=" + MEDIUM)
                .then().statusCode(202);
        awaitGone(instancePath);
    }

    @Test
    void badIdsAndBodiesGet400WithADescriptionAndLeaveNoErrorInTheLog() {
        String instancePath = "/osb/v2/service_instances/" + UUID.randomUUID();
        List<String> badIds = List.of("i".repeat(201), "nul%00id", "bell%07id", "tab%09id", "del%7Fid");
        try (ErrorLog errors = ErrorLog.capture()) {
            for (String bad : badIds) {
                String badInstance = "/osb/v2/service_instances/" + bad;
                refused(raw().body(provisionBody(SMALL, Map.of())).put(badInstance + "?accepts_incomplete=true"), bad);
                refused(raw().get(badInstance), bad);
                refused(raw().get(badInstance + "/last_operation"), bad);
                refused(raw().delete(badInstance + "?accepts_incomplete=true&service_id=" + SERVICE + "&plan_id=" + SMALL), bad);
                refused(raw().body(Map.of("service_id", SERVICE, "plan_id", SMALL))
                        .put(instancePath + "/service_bindings/" + bad), bad);
                refused(raw().delete(instancePath + "/service_bindings/" + bad + "?service_id=" + SERVICE + "&plan_id=" + SMALL), bad);
            }
            for (String body : List.of("{not json", "[]", "\"text\"", "null")) {
                refused(broker().body(body).put(instancePath + "?accepts_incomplete=true"), body);
                refused(broker().body(body).put(instancePath + "/service_bindings/" + UUID.randomUUID()), body);
            }
            assertEquals(List.of(), errors.lines(), "nothing logged as ERROR");
        }
        broker().get("/osb/v2/service_instances/" + "i".repeat(200)).then().statusCode(404);
    }

    @Test
    void anAddOnLoginConnectsToItsOwnDatabaseButNeitherToTheBotsNorToAnotherAddOns() throws Exception {
        String ours = "/osb/v2/service_instances/" + UUID.randomUUID();
        String theirs = "/osb/v2/service_instances/" + UUID.randomUUID();
        for (String instancePath : List.of(ours, theirs)) {
            broker().body(provisionBody(SMALL, Map.of())).put(instancePath + "?accepts_incomplete=true").then().statusCode(202);
            awaitState(instancePath, "succeeded");
        }
        Map<String, Object> bindBody = Map.of("service_id", SERVICE, "plan_id", SMALL);
        Response login = broker().body(bindBody).put(ours + "/service_bindings/" + UUID.randomUUID());
        login.then().statusCode(201);
        String theirDatabase = broker().body(bindBody).put(theirs + "/service_bindings/" + UUID.randomUUID())
                .then().statusCode(201).extract().path("credentials.database");
        String botDatabase;
        try (Connection bot = dataSource.getConnection(); ResultSet name = bot.createStatement()
                .executeQuery("SELECT current_database()")) {
            name.next();
            botDatabase = name.getString(1);
        }

        try (Connection own = connectAs(login, login.path("credentials.database"))) {
            assertTrue(own.isValid(2), "the login opens its own database");
        }
        for (String database : List.of(botDatabase, theirDatabase)) {
            SQLException refused = assertThrows(SQLException.class, () -> connectAs(login, database).close(),
                    "the add-on login opened " + database);
            assertEquals("42501", refused.getSQLState(), "refused for lack of CONNECT: " + refused.getMessage());
        }
        for (String instancePath : List.of(ours, theirs)) {
            broker().delete(instancePath + "?accepts_incomplete=true&service_id=" + SERVICE + "&plan_id=" + SMALL)
                    .then().statusCode(202);
            awaitGone(instancePath);
        }
    }

    /** The broker's requests with the path sent as written, so that {@code %00} reaches it as a NUL. */
    private RequestSpecification raw() {
        return broker().urlEncodingEnabled(false);
    }

    private static void refused(Response response, String what) {
        response.then().statusCode(400).body("description", not(emptyOrNullString()));
        assertFalse(response.asString().contains("Exception"), "no stack trace for " + what + ": " + response.asString());
    }

    private static Connection connectAs(Response bound, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + bound.path("credentials.host") + ":"
                + bound.<Integer>path("credentials.port") + "/" + database, bound.path("credentials.username"),
                bound.<String>path("credentials.password"));
    }

    private void awaitState(String instancePath, String expected) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            Response response = broker().get(instancePath + "/last_operation");
            response.then().statusCode(200);
            String state = response.path("state");
            if (expected.equals(state)) {
                return;
            }
            if (!"in progress".equals(state)) {
                fail("last_operation became " + state + ": " + response.path("description"));
            }
            pause();
        }
        fail("last_operation never became " + expected);
    }

    private void awaitGone(String instancePath) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            Response response = broker().get(instancePath + "/last_operation");
            if (response.statusCode() == 410) {
                return;
            }
            response.then().statusCode(200).body("state", equalTo("in progress"));
            pause();
        }
        fail("the instance was never gone");
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    private String databaseOf(String instanceId) throws SQLException {
        return single("SELECT database_name FROM osb_service_instance WHERE instance_id = ?", instanceId);
    }

    private boolean databaseExists(String database) throws SQLException {
        return single("SELECT datname FROM pg_database WHERE datname = ?", database) != null;
    }

    private boolean roleExists(String role) throws SQLException {
        return single("SELECT rolname FROM pg_roles WHERE rolname = ?", role) != null;
    }

    private int connectionLimitOf(String database) throws SQLException {
        return Integer.parseInt(single("SELECT datconnlimit::text FROM pg_database WHERE datname = ?", database));
    }

    private String single(String query, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}

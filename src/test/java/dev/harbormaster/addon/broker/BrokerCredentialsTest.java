package dev.harbormaster.addon.broker;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static dev.harbormaster.testing.Await.waitFor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference broker's credentials on a server that checks passwords (SCRAM) and logs every statement, driven
 * over HTTP as a platform would: what it hands out logs in, a repeat or a racing request gets the same
 * credentials, and no password ever appears in the server log.
 */
@QuarkusTest
@QuarkusTestResource(value = AuditedPostgresResource.class, restrictToAnnotatedClass = true)
class BrokerCredentialsTest {

    private static final String SERVICE = BrokerCatalog.SERVICE_ID;
    private static final String SMALL = BrokerCatalog.SMALL_PLAN_ID;
    private static final String MEDIUM = BrokerCatalog.MEDIUM_PLAN_ID;
    private static final Map<String, Object> BIND = Map.of("service_id", SERVICE, "plan_id", SMALL);
    private static final int RACERS = 10;

    @Inject
    BrokerAccess access;

    @Test
    void handedOutPasswordsLogInAndNeverReachTheServerLog() throws Exception {
        String instancePath = provisioned();
        String bindingPath = instancePath + "/service_bindings/" + UUID.randomUUID();
        Response first = broker().body(BIND).put(bindingPath);
        first.then().statusCode(201);
        Response repeat = broker().body(BIND).put(bindingPath);
        repeat.then().statusCode(200);
        String user = first.path("credentials.username");
        String password = first.path("credentials.password");
        assertEquals(password, repeat.path("credentials.password"), "a repeat gets the same password");
        assertTrue(logsIn(first), "the handed-out password logs in");
        assertThrows(SQLException.class, () -> DriverManager.getConnection(
                AuditedPostgresResource.urlOf(first.path("credentials.database")), user, password + "0").close(),
                "the server really checks passwords");

        String log = serverLogUpTo("after-binding-" + UUID.randomUUID());
        assertTrue(log.contains("ROLE \"" + user + "\""), "the server log has the role's statements:\n" + log);
        assertTrue(log.contains("SCRAM-SHA-256$4096:"), "only a SCRAM verifier was sent");
        assertFalse(log.contains(password), "the password is in the PostgreSQL server log");
    }

    @Test
    void tenConcurrentIdenticalBindsMakeOneBindingAndAllGetTheSameWorkingCredentials() throws Exception {
        String instancePath = provisioned();
        String bindingPath = instancePath + "/service_bindings/" + UUID.randomUUID();
        List<Response> answers = race(() -> broker().body(BIND).put(bindingPath));

        Map<Integer, Long> statuses = answers.stream().collect(Collectors.groupingBy(Response::statusCode, Collectors.counting()));
        assertEquals(Map.of(201, 1L, 200, (long) RACERS - 1), statuses, "one 201 and nine 200: " + bodies(answers));
        Set<Map<String, Object>> credentials = answers.stream().map(r -> r.<Map<String, Object>>path("credentials"))
                .collect(Collectors.toSet());
        assertEquals(1, credentials.size(), "every answer carries the same credentials: " + credentials);
        assertTrue(logsIn(answers.get(0)), "those credentials log in");

        broker().body(Map.of("service_id", SERVICE, "plan_id", SMALL, "parameters", Map.of("role", "reader")))
                .put(bindingPath).then().statusCode(409).body("description", containsString("other attributes"));
        broker().body(Map.of("service_id", SERVICE, "plan_id", MEDIUM)).put(bindingPath).then().statusCode(409);
        assertTrue(logsIn(answers.get(0)), "a refused conflicting bind changes nothing");
        assertFalse(serverLogUpTo("after-race-" + UUID.randomUUID()).contains(answers.get(0).path("credentials.password")),
                "the password is in the PostgreSQL server log");
    }

    @Test
    void tenConcurrentIdenticalProvisionsMakeOneDatabase() throws Exception {
        String id = UUID.randomUUID().toString();
        String instancePath = "/osb/v2/service_instances/" + id;
        Map<String, Object> body = Map.of("service_id", SERVICE, "plan_id", SMALL,
                "parameters", Map.of("database_name_suffix", "race"));
        List<Response> answers = race(() -> broker().body(body).put(instancePath + "?accepts_incomplete=true"));

        Set<Integer> statuses = answers.stream().map(Response::statusCode).collect(Collectors.toSet());
        assertTrue(Set.of(202, 200).containsAll(statuses), "accepted, or done for a late repeat: " + bodies(answers));
        Set<String> operations = answers.stream().filter(r -> r.statusCode() == 202)
                .map(r -> r.<String>path("operation")).collect(Collectors.toSet());
        assertEquals(1, operations.size(), "every 202 names the one operation: " + operations);
        awaitSucceeded(instancePath);
        assertEquals(1, databasesNamed("%\\_race"), "one database for one instance id");
        deprovision(instancePath);
    }

    private RequestSpecification broker() {
        return given().auth().preemptive().basic(access.username(), access.password())
                .header("X-Broker-API-Version", "2.17").contentType("application/json");
    }

    /** A fresh instance whose provisioning has succeeded; its path. */
    private String provisioned() {
        String instancePath = "/osb/v2/service_instances/" + UUID.randomUUID();
        broker().body(Map.of("service_id", SERVICE, "plan_id", SMALL)).put(instancePath + "?accepts_incomplete=true")
                .then().statusCode(202);
        awaitSucceeded(instancePath);
        return instancePath;
    }

    private void awaitSucceeded(String instancePath) {
        waitFor(instancePath + " to be provisioned", () -> {
            Response answer = broker().get(instancePath + "/last_operation");
            answer.then().statusCode(200);
            assertFalse("failed".equals(answer.path("state")), "provisioning failed: " + answer.asString());
            return "succeeded".equals(answer.path("state"));
        });
    }

    private void deprovision(String instancePath) {
        broker().delete(instancePath + "?accepts_incomplete=true&service_id=" + SERVICE + "&plan_id=" + SMALL)
                .then().statusCode(202);
        waitFor(instancePath + " to be gone", () -> broker().get(instancePath + "/last_operation").statusCode() == 410);
    }

    /** Runs the call on ten threads released at the same moment. */
    private static List<Response> race(Callable<Response> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> pending = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                pending.add(threads.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> answer : pending) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }

    private static String bodies(List<Response> answers) {
        return answers.stream().map(r -> r.statusCode() + " " + r.asString()).collect(Collectors.joining("\n"));
    }

    private static boolean logsIn(Response bound) throws SQLException {
        String url = "jdbc:postgresql://" + bound.path("credentials.host") + ":" + bound.<Integer>path("credentials.port")
                + "/" + bound.path("credentials.database");
        try (Connection app = DriverManager.getConnection(url, bound.path("credentials.username"),
                bound.<String>path("credentials.password"));
             Statement sql = app.createStatement();
             ResultSet who = sql.executeQuery("SELECT current_user")) {
            return who.next() && who.getString(1).equals(bound.path("credentials.username"));
        }
    }

    /** The server log once it has caught up with a statement logged now (the collector writes it a little later). */
    private static String serverLogUpTo(String marker) throws SQLException {
        try (Connection admin = DriverManager.getConnection(AuditedPostgresResource.adminJdbcUrl(), "postgres", "");
             Statement mark = admin.createStatement()) {
            mark.execute("SELECT '" + marker + "'");
        }
        return waitFor("the server log to reach " + marker, () -> {
            String log = AuditedPostgresResource.serverLog();
            return log.contains(marker) ? log : null;
        });
    }

    private static long databasesNamed(String pattern) throws SQLException {
        try (Connection admin = DriverManager.getConnection(AuditedPostgresResource.adminJdbcUrl(), "postgres", "");
             PreparedStatement count = admin.prepareStatement("SELECT count(*) FROM pg_database WHERE datname LIKE ?")) {
            count.setString(1, pattern);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}

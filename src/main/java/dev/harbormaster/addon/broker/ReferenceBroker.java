package dev.harbormaster.addon.broker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.harbormaster.slack.SlackErrors;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The reference broker's behaviour, as the Open Service Broker API 2.17 prescribes it: asynchronous
 * provisioning and deprovisioning of PostgreSQL databases on a worker thread, synchronous bindings, and
 * idempotent repeats. State lives in PostgreSQL; per-id advisory locks serialise concurrent requests for one id
 * across replicas.
 */
@ApplicationScoped
public class ReferenceBroker {

    private static final Logger LOG = Logger.getLogger(ReferenceBroker.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Creating or dropping a database normally takes seconds; the work lock's transaction must outlast it. */
    private static final int WORK_TIMEOUT_SECONDS = 600;

    /** What a provision or deprovision request led to. */
    public record Outcome(boolean accepted, String operation) {
        static Outcome done() {
            return new Outcome(false, null);
        }

        static Outcome started(String operation) {
            return new Outcome(true, operation);
        }
    }

    /** Connection details handed to the platform once, at bind time. */
    public record Credentials(String uri, String username, String password, String host, int port, String database) {
    }

    /** A bind result: created is false for an identical repeat. */
    public record Bound(boolean created, Credentials credentials) {
    }

    public record LastOperation(String state, String description) {
    }

    @Inject
    ServiceInstanceRepository instances;

    @Inject
    ServiceBindingRepository bindings;

    @Inject
    EntityManager entityManager;

    @Inject
    PostgresAdmin admin;

    @Inject
    BrokerAccess access;

    @Inject
    BindingPasswords passwords;

    @Inject
    SlackErrors errors;

    @Inject
    ObjectMapper json;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "osb-broker-worker");
        thread.setDaemon(true);
        return thread;
    });

    /** Operations cut short by a stop are picked up again: every step tolerates having been done already. */
    void resumeUnfinished(@Observes StartupEvent event) {
        if (!access.enabled()) {
            return;
        }
        checkBotDatabaseIsClosed();
        List<ServiceInstance> unfinished = QuarkusTransaction.requiringNew()
                .call(() -> instances.list("state", ServiceInstance.IN_PROGRESS));
        for (ServiceInstance instance : unfinished) {
            schedule(instance.instanceId, instance.operation, instance.operationId);
        }
    }

    /**
     * Add-on login roles may connect only to their own database. Each add-on database is closed to PUBLIC when it is
     * made ({@link PostgresAdmin#createDatabase}); the bot's own database is closed by migration V14, which can
     * only warn when the bot's role does not own it. Handing out logins that could open the bot's database
     * would be worse than not starting the broker.
     */
    private void checkBotDatabaseIsClosed() {
        record BotDatabase(String database, boolean open) {
        }
        BotDatabase bot = QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) entityManager.createNativeQuery(
                    "SELECT current_database(), has_database_privilege('public', current_database(), 'CONNECT')")
                    .getSingleResult();
            return new BotDatabase((String) row[0], (Boolean) row[1]);
        });
        if (bot.open()) {
            throw new IllegalStateException("The OSB reference broker is enabled, but every role may connect to "
                    + "Harbormaster's database " + bot.database() + ", add-on logins included. Have its owner run: "
                    + "GRANT CONNECT ON DATABASE \"" + bot.database() + "\" TO <Harbormaster's role>; "
                    + "REVOKE CONNECT, TEMPORARY ON DATABASE \"" + bot.database() + "\" FROM PUBLIC;");
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    public Outcome provision(String instanceId, String serviceId, String planId, JsonNode parameters) {
        checkServiceAndPlan(serviceId, planId);
        BrokerCatalog.ProvisionParameters validated = BrokerCatalog.validate(parameters);
        String canonical = canonical(parameters);
        Outcome outcome = QuarkusTransaction.requiringNew().call(() -> {
            lock("instance:" + instanceId);
            ServiceInstance existing = instances.findById(instanceId);
            if (existing == null) {
                ServiceInstance instance = new ServiceInstance();
                String shortId = randomHex(6);
                instance.instanceId = instanceId;
                instance.serviceId = serviceId;
                instance.planId = planId;
                instance.parameters = canonical;
                instance.databaseName = "hm_" + shortId + validated.databaseNameSuffix().map(s -> "_" + s).orElse("");
                instance.ownerRole = "hm_" + shortId + "_owner";
                instance.connectionLimit = validated.connectionLimit();
                instance.createdAt = Instant.now();
                startOperation(instance, ServiceInstance.PROVISION, "Creating the database");
                instances.persist(instance);
                return Outcome.started(instance.operationId);
            }
            if (existing.operation.equals(ServiceInstance.DEPROVISION)) {
                throw BrokerException.concurrency("The service instance is being deleted");
            }
            boolean identical = existing.serviceId.equals(serviceId) && existing.planId.equals(planId)
                    && sameJson(existing.parameters, canonical);
            if (!identical) {
                throw BrokerException.conflict("A service instance with this id exists with other attributes");
            }
            if (existing.provisioned()) {
                return Outcome.done();
            }
            if (existing.state.equals(ServiceInstance.FAILED)) {
                startOperation(existing, ServiceInstance.PROVISION, "Retrying the database creation");
            }
            return Outcome.started(existing.operationId);
        });
        if (outcome.accepted()) {
            schedule(instanceId, ServiceInstance.PROVISION, outcome.operation());
        }
        return outcome;
    }

    public Outcome deprovision(String instanceId, String serviceId, String planId) {
        requireIds(serviceId, planId);
        Outcome outcome = QuarkusTransaction.requiringNew().call(() -> {
            lock("instance:" + instanceId);
            ServiceInstance existing = instances.findById(instanceId);
            if (existing == null) {
                throw BrokerException.gone("No such service instance");
            }
            if (existing.provisioning()) {
                throw BrokerException.concurrency("The service instance is still being provisioned");
            }
            if (!existing.deprovisioning()) {
                startOperation(existing, ServiceInstance.DEPROVISION, "Dropping the database and its roles");
            }
            return Outcome.started(existing.operationId);
        });
        schedule(instanceId, ServiceInstance.DEPROVISION, outcome.operation());
        return outcome;
    }

    public LastOperation lastOperation(String instanceId) {
        ServiceInstance instance = QuarkusTransaction.requiringNew().call(() -> instances.findById(instanceId));
        if (instance == null) {
            throw BrokerException.gone("No such service instance");
        }
        return new LastOperation(instance.state, instance.description);
    }

    /** The instance as the platform asked for it; absent until provisioning succeeded. */
    public Map<String, Object> fetch(String instanceId) {
        ServiceInstance instance = QuarkusTransaction.requiringNew().call(() -> instances.findById(instanceId));
        if (instance == null || (instance.operation.equals(ServiceInstance.PROVISION) && !instance.provisioned())) {
            return null;
        }
        return Map.of("service_id", instance.serviceId, "plan_id", instance.planId,
                "parameters", parse(instance.parameters));
    }

    /**
     * One transaction holds the instance's and the binding's advisory locks until the login role exists and the
     * binding's row is committed, so racing identical binds on any replica queue up here: the first creates the
     * binding (201), the others find it and get the same credentials (200), and nobody creates a second role.
     */
    public Bound bind(String instanceId, String bindingId, String serviceId, String planId, JsonNode parameters) {
        checkServiceAndPlan(serviceId, planId);
        if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
            throw BrokerException.badRequest("parameters must be a JSON object");
        }
        String canonical = canonical(parameters);
        return QuarkusTransaction.requiringNew().call(() -> {
            lock("instance:" + instanceId);
            lock("binding:" + bindingId);
            ServiceBinding binding = bindings.findById(bindingId);
            ServiceInstance instance = instances.findById(instanceId);
            if (binding != null && !(binding.instanceId.equals(instanceId) && instance.serviceId.equals(serviceId)
                    && instance.planId.equals(planId) && sameJson(binding.parameters, canonical))) {
                throw BrokerException.conflict("A service binding with this id exists with other attributes");
            }
            if (instance == null) {
                throw BrokerException.badRequest("No service instance with this id: provision it first");
            }
            if (!instance.serviceId.equals(serviceId) || !instance.planId.equals(planId)) {
                throw BrokerException.badRequest("service_id and plan_id do not match the service instance");
            }
            if (!instance.provisioned()) {
                throw BrokerException.concurrency("The service instance is not ready: wait for its last operation to succeed");
            }
            boolean created = binding == null;
            if (created) {
                binding = new ServiceBinding();
                binding.bindingId = bindingId;
                binding.instanceId = instanceId;
                binding.parameters = canonical;
                binding.roleName = "hm_" + randomHex(6) + "_login";
                binding.createdAt = Instant.now();
                bindings.persist(binding);
                bindings.flush();
            }
            String password = passwords.of(instanceId, bindingId, binding.roleName);
            try {
                // a repeat sets it again, so that what it returns logs in even if the role was dropped or the key changed
                admin.createLoginRole(binding.roleName, instance.ownerRole, ScramVerifier.of(password));
            } catch (SQLException e) {
                throw failure("creating a binding's login role", e);
            }
            String uri = "postgresql://" + binding.roleName + ":" + password + "@" + admin.host() + ":" + admin.port()
                    + "/" + instance.databaseName;
            return new Bound(created, new Credentials(uri, binding.roleName, password, admin.host(), admin.port(),
                    instance.databaseName));
        });
    }

    public void unbind(String instanceId, String bindingId, String serviceId, String planId) {
        requireIds(serviceId, planId);
        QuarkusTransaction.requiringNew().run(() -> {
            lock("instance:" + instanceId);
            lock("binding:" + bindingId);
            ServiceBinding binding = bindings.findById(bindingId);
            if (binding == null || !binding.instanceId.equals(instanceId)) {
                throw BrokerException.gone("No such service binding");
            }
            ServiceInstance instance = instances.findById(instanceId);
            try {
                admin.dropLoginRole(binding.roleName, instance.databaseName, instance.ownerRole);
            } catch (SQLException e) {
                throw failure("dropping a binding's login role", e);
            }
            bindings.delete(binding);
        });
    }

    private void schedule(String instanceId, String operation, String operationId) {
        worker.submit(() -> {
            try {
                run(instanceId, operation, operationId);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Service instance %s: %s failed unexpectedly", instanceId, operation);
            }
        });
    }

    /**
     * A replica runs an instance's operation only while it holds the instance's work lock: two replicas that each
     * got a repeat of the request must not both run the DDL, where the loser's "already exists" would mark a
     * database that the winner made as failed. The one without the lock leaves it to the other.
     */
    private void run(String instanceId, String operation, String operationId) {
        QuarkusTransaction.requiringNew().timeout(WORK_TIMEOUT_SECONDS).run(() -> {
            if (tryLock("work:" + instanceId)) {
                runLocked(instanceId, operation, operationId);
            }
        });
    }

    private void runLocked(String instanceId, String operation, String operationId) {
        record Work(ServiceInstance instance, List<String> loginRoles) {
        }
        Work work = QuarkusTransaction.requiringNew().call(() -> {
            ServiceInstance instance = instances.findById(instanceId);
            if (instance == null || !instance.operationId.equals(operationId)
                    || !instance.state.equals(ServiceInstance.IN_PROGRESS)) {
                return null;
            }
            return new Work(instance, bindings.ofInstance(instanceId).stream().map(b -> b.roleName).toList());
        });
        if (work == null) {
            return;
        }
        ServiceInstance instance = work.instance();
        try {
            if (operation.equals(ServiceInstance.PROVISION)) {
                admin.createDatabase(instance.databaseName, instance.ownerRole, instance.connectionLimit);
                finish(instanceId, operationId, ServiceInstance.SUCCEEDED, "Database " + instance.databaseName + " is ready");
            } else {
                admin.dropDatabase(instance.databaseName, instance.ownerRole, work.loginRoles());
                QuarkusTransaction.requiringNew().run(() -> {
                    lock("instance:" + instanceId);
                    bindings.delete("instanceId", instanceId);
                    instances.deleteById(instanceId);
                });
            }
            LOG.infof("Service instance %s: %s of %s succeeded", instanceId, operation, instance.databaseName);
        } catch (SQLException e) {
            LOG.errorf("Service instance %s: %s of %s failed (SQLSTATE %s: %s)", instanceId, operation,
                    instance.databaseName, e.getSQLState(), e.getMessage());
            finish(instanceId, operationId, ServiceInstance.FAILED,
                    "Could not " + operation + " the database (SQLSTATE " + e.getSQLState() + "); retry the request");
        }
    }

    private void finish(String instanceId, String operationId, String state, String description) {
        QuarkusTransaction.requiringNew().run(() -> {
            lock("instance:" + instanceId);
            ServiceInstance instance = instances.findById(instanceId);
            if (instance != null && instance.operationId.equals(operationId)) {
                instance.state = state;
                instance.description = description;
                instance.updatedAt = Instant.now();
            }
        });
    }

    private static void startOperation(ServiceInstance instance, String operation, String description) {
        instance.operation = operation;
        instance.operationId = operation + "-" + UUID.randomUUID();
        instance.state = ServiceInstance.IN_PROGRESS;
        instance.description = description;
        instance.updatedAt = Instant.now();
    }

    /** A failure the platform cannot fix: the log gets the trace under an id, the platform only the id. */
    private BrokerException failure(String whileDoing, SQLException e) {
        return BrokerException.internal(errors.record("the reference broker was " + whileDoing, e));
    }

    private void lock(String key) {
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .setParameter("key", "osb-broker:" + key).getSingleResult();
    }

    private boolean tryLock(String key) {
        return (Boolean) entityManager.createNativeQuery("SELECT pg_try_advisory_xact_lock(hashtextextended(:key, 0))")
                .setParameter("key", "osb-broker:" + key).getSingleResult();
    }

    private static void checkServiceAndPlan(String serviceId, String planId) {
        requireIds(serviceId, planId);
        if (!BrokerCatalog.knownService(serviceId)) {
            throw BrokerException.badRequest("Unknown service_id: see GET /osb/v2/catalog");
        }
        if (!BrokerCatalog.knownPlan(planId)) {
            throw BrokerException.badRequest("Unknown plan_id: see GET /osb/v2/catalog");
        }
    }

    private static void requireIds(String serviceId, String planId) {
        if (serviceId == null || serviceId.isBlank() || planId == null || planId.isBlank()) {
            throw BrokerException.badRequest("service_id and plan_id are required");
        }
    }

    private String canonical(JsonNode parameters) {
        try {
            return json.writeValueAsString(parameters == null || parameters.isNull()
                    ? JsonNodeFactory.instance.objectNode() : parameters);
        } catch (JsonProcessingException e) {
            throw BrokerException.badRequest("parameters are not valid JSON");
        }
    }

    private JsonNode parse(String stored) {
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored parameters are not JSON", e);
        }
    }

    /** Field order does not make two parameter objects different. */
    private boolean sameJson(String stored, String given) {
        return parse(stored).equals(parse(given));
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}

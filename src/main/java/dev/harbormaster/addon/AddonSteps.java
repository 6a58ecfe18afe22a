package dev.harbormaster.addon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.harbormaster.kubernetes.ClusterUnavailableException;
import dev.harbormaster.slack.SlackConnection;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One step of an add-on's life against its broker, read off the status-code tables of the Open Service Broker API
 * 2.17: what each answer means, when to poll again, when to give up, and when orphan mitigation is due (a provision
 * or bind that may have half-happened: another 2xx, 408, 5xx or a timeout). Runs outside any transaction; the
 * worker applies the {@link StepResult} under its claim.
 */
@ApplicationScoped
public class AddonSteps {

    static final String PROVISIONED = "addon.provisioned";
    static final String PROVISION_FAILED = "addon.provision_failed";
    static final String DEPROVISIONED = "addon.deprovisioned";
    static final String DEPROVISION_FAILED = "addon.deprovision_failed";
    private static final Logger LOG = Logger.getLogger(AddonSteps.class);
    private static final Duration FIRST_POLL = Duration.ofSeconds(1);

    @Inject
    BrokerRegistry registry;
    @Inject
    OsbClients clients;
    @Inject
    AddonCatalog catalog;
    @Inject
    AddonSecrets secrets;
    @Inject
    AddonSettings settings;
    @Inject
    SlackConnection connection;
    @Inject
    ObjectMapper json;

    StepResult perform(AddonInstance addon) {
        Optional<Broker> broker = registry.byName(addon.broker);
        if (broker.isEmpty()) {
            String why = "broker `" + addon.broker + "` is no longer registered in Harbormaster";
            return addon.state == AddonState.DEPROVISIONING ? deleteFailed(why) : fail(addon, why, null);
        }
        try {
            return switch (addon.step) {
                case PROVISION -> provision(broker.get(), addon);
                case POLL_PROVISION -> pollProvision(broker.get(), addon);
                case BIND -> bind(broker.get(), addon);
                case POLL_BIND -> pollBind(broker.get(), addon);
                case FETCH_BINDING -> fetchBinding(broker.get(), addon);
                case UNBIND -> unbind(broker.get(), addon);
                case POLL_UNBIND -> pollUnbind(broker.get(), addon);
                case DEPROVISION -> deprovision(broker.get(), addon);
                case POLL_DEPROVISION -> pollDeprovision(broker.get(), addon);
                case ORPHAN_DELETE -> orphanDelete(broker.get(), addon);
                case ORPHAN_UNBIND -> orphanUnbind(broker.get(), addon);
            };
        } catch (BrokerUnreachableException e) {
            return unreachable(addon, e);
        }
    }

    // ---- provisioning ------------------------------------------------------------------------------------

    private StepResult provision(Broker broker, AddonInstance addon) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service_id", addon.offeringId);
        body.put("plan_id", addon.planId);
        body.put("context", context(addon));
        body.put("organization_guid", addon.team == null ? "harbormaster" : addon.team);
        body.put("space_guid", addon.service + "." + addon.environment);
        JsonNode parameters = parse(addon.parameters);
        if (parameters.size() > 0) {
            body.put("parameters", parameters);
        }
        Optional<Plan> plan = plan(addon);
        plan.map(Plan::maintenanceInfo).filter(m -> m.path("version").isTextual())
                .ifPresent(m -> body.put("maintenance_info", Map.of("version", m.get("version").textValue())));
        BrokerReply reply = clients.client().provision(broker, addon.id, OsbClient.body(body), addon.requestedBy);
        if (reply.successful() && reply.body().isMissingNode()) {
            return fail(addon, unreadable(reply) + "; Harbormaster cannot tell what the broker made, so it asked it to remove"
                    + " it", AddonStep.ORPHAN_DELETE);
        }
        Optional<String> dashboard = reply.text("dashboard_url");
        if (reply.status() == 200 || reply.status() == 201) {
            return StepResult.of(a -> {
                dashboard.ifPresent(d -> a.dashboardUrl = d);
                afterProvisioned(a, plan);
            });
        }
        if (reply.status() == 202) {
            Instant deadline = Instant.now().plus(plan.flatMap(Plan::maximumPollingDuration).orElse(settings.pollTimeout()));
            return StepResult.of(a -> {
                dashboard.ifPresent(d -> a.dashboardUrl = d);
                a.detail = "The broker is creating it";
                startPolling(a, AddonStep.POLL_PROVISION, reply, deadline);
            });
        }
        return provisionRefused(addon, reply);
    }

    private StepResult provisionRefused(AddonInstance addon, BrokerReply reply) {
        String why = BrokerErrors.explain(reply, connection.slashCommand());
        boolean mitigate = reply.successful() || reply.status() == 408 || reply.status() >= 500;
        return fail(addon, why, mitigate ? AddonStep.ORPHAN_DELETE : null);
    }

    private StepResult pollProvision(Broker broker, AddonInstance addon) {
        BrokerReply reply = clients.client().instanceLastOperation(broker, addon.id, addon.offeringId, addon.planId,
                addon.operation);
        String state = reply.status() == 200 ? reply.text("state").orElse("") : "";
        if (state.equals("succeeded")) {
            Optional<Plan> plan = plan(addon);
            return StepResult.of(a -> afterProvisioned(a, plan));
        }
        if (state.equals("failed")) {
            return fail(addon, "the broker could not create it" + reply.description().map(d -> ": " + BrokerErrors.shorten(d))
                    .orElse(""), null);
        }
        if (reply.status() == 400) {
            return fail(addon, BrokerErrors.explain(reply, connection.slashCommand()), null);
        }
        // "in progress", or an answer the spec calls invalid while creating (410) or a passing failure: poll on
        return pollAgain(addon, reply, state.equals("in progress") ? reply.description() : Optional.empty(),
                "the broker did not finish creating it", AddonStep.ORPHAN_DELETE);
    }

    private void afterProvisioned(AddonInstance a, Optional<Plan> plan) {
        a.operation = null;
        boolean bindable = plan.map(Plan::bindable).orElse(true);
        if (bindable) {
            a.state = AddonState.BINDING;
            a.detail = "Created; now making its credentials";
            next(a, AddonStep.BIND);
        } else {
            a.state = AddonState.READY;
            a.detail = "Ready (the plan is not bindable, so there are no credentials)";
            done(a);
        }
    }

    // ---- binding -----------------------------------------------------------------------------------------

    private StepResult bind(Broker broker, AddonInstance addon) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service_id", addon.offeringId);
        body.put("plan_id", addon.planId);
        body.put("context", context(addon));
        BrokerReply reply = clients.client().bind(broker, addon.id, addon.bindingId, OsbClient.body(body), addon.requestedBy);
        if (reply.successful() && reply.body().isMissingNode()) {
            return fail(addon, "making its credentials failed: " + unreadable(reply), AddonStep.ORPHAN_UNBIND);
        }
        if (reply.status() == 200 || reply.status() == 201) {
            return credentialsArrived(addon, reply);
        }
        if (reply.status() == 202) {
            Instant deadline = Instant.now().plus(plan(addon).flatMap(Plan::maximumPollingDuration).orElse(settings.pollTimeout()));
            return StepResult.of(a -> {
                a.detail = "The broker is making its credentials";
                startPolling(a, AddonStep.POLL_BIND, reply, deadline);
            });
        }
        String why = "making its credentials failed: " + BrokerErrors.explain(reply, connection.slashCommand());
        boolean mitigate = reply.successful() || reply.status() == 408 || reply.status() >= 500;
        return fail(addon, why, mitigate ? AddonStep.ORPHAN_UNBIND : null);
    }

    private StepResult pollBind(Broker broker, AddonInstance addon) {
        BrokerReply reply = clients.client().bindingLastOperation(broker, addon.id, addon.bindingId, addon.offeringId,
                addon.planId, addon.operation);
        String state = reply.status() == 200 ? reply.text("state").orElse("") : "";
        if (state.equals("succeeded")) {
            return StepResult.of(a -> {
                a.operation = null;
                next(a, AddonStep.FETCH_BINDING);
            });
        }
        if (state.equals("failed") || reply.status() == 400) {
            return fail(addon, "making its credentials failed" + reply.description()
                    .map(d -> ": " + BrokerErrors.shorten(d)).orElse(""), null);
        }
        return pollAgain(addon, reply, state.equals("in progress") ? reply.description() : Optional.empty(),
                "the broker did not finish making its credentials", AddonStep.ORPHAN_UNBIND);
    }

    private StepResult fetchBinding(Broker broker, AddonInstance addon) {
        BrokerReply reply = clients.client().fetchBinding(broker, addon.id, addon.bindingId);
        if (reply.status() == 200) {
            return credentialsArrived(addon, reply);
        }
        return fail(addon, "reading its credentials failed: " + BrokerErrors.explain(reply, connection.slashCommand()),
                AddonStep.ORPHAN_UNBIND);
    }

    /** The credentials go into the Secret right here; the row only learns that they did. */
    private StepResult credentialsArrived(AddonInstance addon, BrokerReply reply) {
        JsonNode credentials = reply.body().path("credentials");
        if (!credentials.isObject()) {
            return fail(addon, "the broker's binding has no credentials object", AddonStep.ORPHAN_UNBIND);
        }
        try {
            secrets.write(addon, credentials);
        } catch (ClusterUnavailableException | KubernetesClientException e) {
            LOG.warnf("Add-on %s: the Secret %s/%s could not be written (%s)", addon.name, addon.namespace,
                    addon.secretName, e.getClass().getSimpleName());
            return fail(addon, "the Secret `" + addon.secretName + "` could not be written in namespace `"
                    + addon.namespace + "` (" + kubernetesProblem(e) + ")", AddonStep.ORPHAN_UNBIND);
        }
        return StepResult.audited(PROVISIONED, a -> {
            a.state = AddonState.READY;
            a.operation = null;
            a.detail = "Ready: credentials in Secret " + a.namespace + "/" + a.secretName;
            done(a);
        });
    }

    // ---- deleting ----------------------------------------------------------------------------------------

    private StepResult unbind(Broker broker, AddonInstance addon) {
        BrokerReply reply = clients.client().unbind(broker, addon.id, addon.bindingId, addon.offeringId, addon.planId,
                addon.actingUser());
        if (reply.status() == 200 || reply.status() == 410) {
            return afterUnbound(addon);
        }
        if (reply.status() == 202) {
            return StepResult.of(a -> {
                a.detail = "The broker is revoking its credentials";
                startPolling(a, AddonStep.POLL_UNBIND, reply, a.pollDeadline);
            });
        }
        return deleteTrouble(addon, reply, "revoking its credentials failed");
    }

    private StepResult pollUnbind(Broker broker, AddonInstance addon) {
        BrokerReply reply = clients.client().bindingLastOperation(broker, addon.id, addon.bindingId, addon.offeringId,
                addon.planId, addon.operation);
        String state = reply.status() == 200 ? reply.text("state").orElse("") : "";
        if (state.equals("succeeded") || reply.status() == 410) {
            return afterUnbound(addon);
        }
        if (state.equals("failed") || reply.status() == 400) {
            return deleteFailed("revoking its credentials failed" + reply.description()
                    .map(d -> ": " + BrokerErrors.shorten(d)).orElse(""));
        }
        return pollAgain(addon, reply, reply.description(), "the broker did not finish revoking its credentials", null);
    }

    private StepResult afterUnbound(AddonInstance addon) {
        try {
            secrets.delete(addon);
        } catch (ClusterUnavailableException | KubernetesClientException e) {
            return deleteFailed("the Secret `" + addon.secretName + "` could not be deleted from namespace `"
                    + addon.namespace + "` (" + kubernetesProblem(e) + ")");
        }
        return StepResult.of(a -> {
            a.operation = null;
            a.detail = "Credentials revoked and Secret deleted; now deleting the add-on";
            next(a, AddonStep.DEPROVISION);
        });
    }

    private StepResult deprovision(Broker broker, AddonInstance addon) {
        BrokerReply reply = clients.client().deprovision(broker, addon.id, addon.offeringId, addon.planId, addon.actingUser());
        if (reply.status() == 200 || reply.status() == 410) {
            return deleted();
        }
        if (reply.status() == 202) {
            return StepResult.of(a -> {
                a.detail = "The broker is deleting it";
                startPolling(a, AddonStep.POLL_DEPROVISION, reply, a.pollDeadline);
            });
        }
        return deleteTrouble(addon, reply, "deleting it failed");
    }

    private StepResult pollDeprovision(Broker broker, AddonInstance addon) {
        BrokerReply reply = clients.client().instanceLastOperation(broker, addon.id, addon.offeringId, addon.planId,
                addon.operation);
        String state = reply.status() == 200 ? reply.text("state").orElse("") : "";
        if (reply.status() == 410 || state.equals("succeeded")) {
            return deleted();
        }
        if (state.equals("failed") || reply.status() == 400) {
            return deleteFailed("the broker could not delete it" + reply.description()
                    .map(d -> ": " + BrokerErrors.shorten(d)).orElse(""));
        }
        return pollAgain(addon, reply, state.equals("in progress") ? reply.description() : Optional.empty(),
                "the broker did not finish deleting it", null);
    }

    private static StepResult deleted() {
        return StepResult.audited(DEPROVISIONED, a -> {
            a.state = AddonState.DELETED;
            a.operation = null;
            a.detail = "Deleted";
            done(a);
        });
    }

    /** Busy (422 ConcurrencyError) or broken (5xx) brokers get asked again until the deadline; other refusals end it. */
    private StepResult deleteTrouble(AddonInstance addon, BrokerReply reply, String what) {
        boolean passing = reply.status() >= 500 || reply.status() == 408
                || (reply.status() == 422 && "ConcurrencyError".equals(reply.error().orElse("")));
        String why = what + ": " + BrokerErrors.explain(reply, connection.slashCommand());
        if (passing && addon.pollDeadline != null && Instant.now().isBefore(addon.pollDeadline)) {
            return StepResult.of(a -> {
                a.detail = why + " (trying again)";
                a.pollCount++;
                a.dueAt = Instant.now().plus(reply.retryAfter().orElse(backoff(a.pollCount)));
            });
        }
        return deleteFailed(why);
    }

    private StepResult deleteFailed(String why) {
        return StepResult.audited(DEPROVISION_FAILED, a -> {
            a.state = AddonState.FAILED;
            a.operation = null;
            a.detail = "Delete failed: " + why;
            done(a);
        });
    }

    // ---- orphan mitigation -------------------------------------------------------------------------------

    /**
     * The spec's orphan mitigation: asked again, with back-off, until the broker confirms (200, 202 or 410 Gone) or
     * the deadline passes; a refusal that asking again cannot change (another 4xx) ends it.
     */
    private StepResult orphanDelete(Broker broker, AddonInstance addon) {
        BrokerReply reply = clients.client().deprovision(broker, addon.id, addon.offeringId, addon.planId, addon.requestedBy);
        LOG.infof("Add-on %s: orphan mitigation DELETE answered HTTP %d", addon.name, reply.status());
        return mitigated(addon, reply, "remove whatever it had started");
    }

    private StepResult orphanUnbind(Broker broker, AddonInstance addon) {
        BrokerReply reply = clients.client().unbind(broker, addon.id, addon.bindingId, addon.offeringId, addon.planId,
                addon.requestedBy);
        LOG.infof("Add-on %s: orphan mitigation unbind answered HTTP %d", addon.name, reply.status());
        return mitigated(addon, reply, "revoke the credentials it had started");
    }

    private StepResult mitigated(AddonInstance addon, BrokerReply reply, String what) {
        if (reply.status() == 200 || reply.status() == 202 || reply.status() == 410) {
            return StepResult.of(a -> {
                a.detail = a.detail + " (Harbormaster asked the broker to " + what + ", and it did)";
                done(a);
            });
        }
        boolean worthAgain = reply.status() == 408 || reply.status() == 422 || reply.status() == 429 || reply.status() >= 500;
        if (worthAgain) {
            return mitigateAgain(addon, "HTTP " + reply.status(), what);
        }
        return StepResult.of(a -> {
            a.detail = a.detail + " (Harbormaster asked the broker to " + what + ", and it refused: "
                    + BrokerErrors.explain(reply, connection.slashCommand()) + "; tell the broker's owners)";
            done(a);
        });
    }

    /** Asks again after a back-off, until the mitigation's deadline; then says the broker may still hold something. */
    private StepResult mitigateAgain(AddonInstance addon, String why, String what) {
        if (addon.pollDeadline == null || Instant.now().isBefore(addon.pollDeadline)) {
            return StepResult.of(a -> {
                a.pollCount++;
                a.dueAt = Instant.now().plus(backoff(a.pollCount));
            });
        }
        return StepResult.of(a -> {
            a.detail = a.detail + " (Harbormaster kept asking the broker to " + what + " for "
                    + human(settings.pollTimeout()) + ", but it never confirmed (last: "
                    + why + "); tell the broker's owners, it may still hold something)";
            done(a);
        });
    }

    /** A success answer whose body is not the JSON the spec requires. */
    private static String unreadable(BrokerReply reply) {
        return "the broker answered HTTP " + reply.status() + " with a body that is not JSON, which the spec does not allow";
    }

    // ---- shared ------------------------------------------------------------------------------------------

    private StepResult unreachable(AddonInstance addon, BrokerUnreachableException e) {
        AddonStep step = addon.step;
        String why = e.getMessage();
        boolean polling = step == AddonStep.POLL_PROVISION || step == AddonStep.POLL_BIND || step == AddonStep.POLL_UNBIND
                || step == AddonStep.POLL_DEPROVISION || step == AddonStep.UNBIND || step == AddonStep.DEPROVISION;
        if (polling && addon.pollDeadline != null && Instant.now().isBefore(addon.pollDeadline)) {
            return StepResult.of(a -> {
                a.pollCount++;
                a.dueAt = Instant.now().plus(backoff(a.pollCount));
            });
        }
        return switch (step) {
            case PROVISION -> fail(addon, why, e.timedOut() ? AddonStep.ORPHAN_DELETE : null);
            case BIND, FETCH_BINDING -> fail(addon, "making its credentials failed: " + why,
                    e.timedOut() ? AddonStep.ORPHAN_UNBIND : null);
            case POLL_PROVISION -> fail(addon, why, AddonStep.ORPHAN_DELETE);
            case POLL_BIND -> fail(addon, why, AddonStep.ORPHAN_UNBIND);
            case ORPHAN_DELETE -> mitigateAgain(addon, why, "remove whatever it had started");
            case ORPHAN_UNBIND -> mitigateAgain(addon, why, "revoke the credentials it had started");
            default -> deleteFailed(why);
        };
    }

    private StepResult pollAgain(AddonInstance addon, BrokerReply reply, Optional<String> description, String timedOut,
                                 AddonStep mitigation) {
        if (addon.pollDeadline != null && Instant.now().isAfter(addon.pollDeadline)) {
            String why = timedOut + " within " + human(Duration.between(addon.startedAt, addon.pollDeadline));
            return addon.state == AddonState.DEPROVISIONING ? deleteFailed(why) : fail(addon, why, mitigation);
        }
        return StepResult.of(a -> {
            description.ifPresent(d -> a.detail = BrokerErrors.shorten(d));
            a.pollCount++;
            a.dueAt = Instant.now().plus(reply.retryAfter().orElse(backoff(a.pollCount)));
        });
    }

    private StepResult fail(AddonInstance addon, String why, AddonStep mitigation) {
        return StepResult.audited(PROVISION_FAILED, a -> {
            a.state = AddonState.FAILED;
            a.operation = null;
            a.detail = why;
            if (mitigation == null) {
                done(a);
            } else {
                next(a, mitigation);
                a.pollDeadline = Instant.now().plus(settings.pollTimeout());
            }
        });
    }

    private void startPolling(AddonInstance a, AddonStep step, BrokerReply reply, Instant deadline) {
        a.operation = reply.text("operation").orElse(null);
        a.step = step;
        a.pollCount = 0;
        a.pollDeadline = deadline;
        a.dueAt = Instant.now().plus(reply.retryAfter().orElse(FIRST_POLL));
    }

    private static void next(AddonInstance a, AddonStep step) {
        a.step = step;
        a.pollCount = 0;
        a.dueAt = Instant.now();
    }

    private static void done(AddonInstance a) {
        a.step = null;
        a.dueAt = null;
        if (!a.state.busy()) {
            a.finishedAt = Instant.now();
        }
    }

    /** 1 s, 2 s, 4 s … up to the configured maximum. */
    Duration backoff(int polls) {
        Duration wait = FIRST_POLL.multipliedBy(1L << Math.min(polls, 10));
        return wait.compareTo(settings.maxPollInterval()) > 0 ? settings.maxPollInterval() : wait;
    }

    private Optional<Plan> plan(AddonInstance addon) {
        return catalog.offering(addon.offering).filter(o -> o.id().equals(addon.offeringId))
                .flatMap(o -> o.plan(addon.plan)).filter(p -> p.id().equals(addon.planId));
    }

    private static Map<String, Object> context(AddonInstance addon) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("platform", "harbormaster");
        context.put("service", addon.service);
        if (addon.team != null) {
            context.put("team", addon.team);
        }
        context.put("environment", addon.environment);
        return context;
    }

    private JsonNode parse(String parameters) {
        try {
            return json.readTree(parameters == null ? "{}" : parameters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored add-on parameters are not JSON", e);
        }
    }

    private static String kubernetesProblem(RuntimeException e) {
        return e instanceof ClusterUnavailableException ? e.getMessage()
                : "Kubernetes answered " + ((KubernetesClientException) e).getCode();
    }

    static String human(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + (seconds % 60 < 10 ? "0" : "") + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + (seconds % 3600) / 60 + " min";
    }
}

package dev.harbormaster.addon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.harbormaster.approval.ActionRefusedException;
import dev.harbormaster.audit.AuditTrail;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.slack.SlackConnection;
import dev.harbormaster.team.TeamRouting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts the work the worker then carries out: a provision (a new row, due at once) or a delete (the row moves to
 * DEPROVISIONING with a conditional change, so two deletes cannot both start). Each posts its progress message and
 * audits the start in the same transaction.
 */
@ApplicationScoped
public class AddonLifecycle {

    @Inject
    AddonInstanceRepository instances;
    @Inject
    AddonProgress progress;
    @Inject
    AuditTrail audit;
    @Inject
    AddonSettings settings;
    @Inject
    TeamRouting routing;
    @Inject
    SlackConnection connection;
    @Inject
    ObjectMapper json;

    /** The new add-on, its progress message queued; refused when the name was taken meanwhile. */
    @Transactional
    public AddonInstance startProvision(AddonRequest request, String requesterId, String channel) {
        Instant now = Instant.now();
        AddonInstance addon = new AddonInstance();
        addon.id = UUID.randomUUID().toString();
        addon.name = request.name();
        addon.broker = request.offering().broker();
        addon.offering = request.offering().name();
        addon.offeringId = request.offering().id();
        addon.plan = request.plan().name();
        addon.planId = request.plan().id();
        addon.service = request.workload().service();
        addon.team = request.team();
        addon.environment = request.workload().environment();
        addon.cluster = request.workload().cluster();
        addon.namespace = request.workload().namespace();
        addon.parameters = toJson(request.parameters());
        addon.state = AddonState.PROVISIONING;
        addon.step = AddonStep.PROVISION;
        addon.dueAt = now;
        addon.bindingId = request.plan().bindable() ? UUID.randomUUID().toString() : null;
        addon.secretName = AddonSecrets.secretName(request.name());
        addon.detail = "Asking broker " + addon.broker;
        addon.requestedBy = requesterId;
        addon.channel = progressChannel(channel, request.team());
        addon.messageKey = "addon:" + addon.id;
        addon.startedAt = now;
        addon.createdAt = now;
        addon.updatedAt = now;
        if (instances.live(addon.name).isPresent()) {
            throw taken(addon.name);
        }
        try {
            instances.persistAndFlush(addon);
        } catch (PersistenceException e) {
            throw taken(addon.name);
        }
        progress.post(addon);
        audit.record(requesterId, "addon.provision_started", "service:" + addon.service, AddonWorker.details(addon));
        return addon;
    }

    /** Moves a ready or failed add-on to DEPROVISIONING; refused while the worker is busy with it. */
    @Transactional
    public AddonInstance startDelete(String name, String requesterId, String channel) {
        AddonInstance addon = instances.live(name).orElseThrow(() -> new ActionRefusedException(
                "There is no add-on " + Mrkdwn.code(name) + " any more."));
        instances.getEntityManager().lock(addon, LockModeType.PESSIMISTIC_WRITE);
        instances.getEntityManager().refresh(addon);
        if (addon.state.busy() || addon.step != null) {
            throw new ActionRefusedException(busy(addon, connection.slashCommand()));
        }
        Instant now = Instant.now();
        addon.state = AddonState.DEPROVISIONING;
        addon.step = addon.bindingId != null ? AddonStep.UNBIND : AddonStep.DEPROVISION;
        addon.dueAt = now;
        addon.pollCount = 0;
        addon.pollDeadline = now.plus(settings.pollTimeout());
        addon.operation = null;
        addon.detail = addon.bindingId != null ? "Revoking its credentials" : "Asking broker " + addon.broker + " to delete it";
        addon.deletedBy = requesterId;
        addon.channel = progressChannel(channel, addon.team);
        addon.messageKey = "addon:" + addon.id + ":delete";
        addon.startedAt = now;
        addon.finishedAt = null;
        addon.updatedAt = now;
        progress.post(addon);
        audit.record(requesterId, "addon.deprovision_started", "service:" + addon.service, AddonWorker.details(addon));
        return addon;
    }

    static String busy(AddonInstance addon, String slashCommand) {
        return "Add-on " + Mrkdwn.code(addon.name) + " is " + addon.state.name().toLowerCase(java.util.Locale.ROOT)
                + " right now; wait until that is done (`" + slashCommand + " addon status " + addon.name + "`).";
    }

    private static ActionRefusedException taken(String name) {
        return new ActionRefusedException("An add-on named " + Mrkdwn.code(name) + " exists already; choose another name.");
    }

    /** The channel the request came from; else the owning team's channel, else the platform's (see {@link TeamRouting}). */
    private String progressChannel(String channel, String team) {
        if (channel != null && !channel.isBlank()) {
            return channel;
        }
        return routing.forTeam(team).channel();
    }

    private String toJson(Map<String, Object> parameters) {
        try {
            return json.writeValueAsString(parameters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("typed parameters always serialise", e);
        }
    }
}

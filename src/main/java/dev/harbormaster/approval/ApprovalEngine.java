package dev.harbormaster.approval;

import dev.harbormaster.approval.PolicyEvaluator.Assessment;
import dev.harbormaster.approval.PolicyEvaluator.Eligibility;
import dev.harbormaster.approval.PolicyEvaluator.RequesterVerdict;
import dev.harbormaster.approval.PolicyEvaluator.Tally;
import dev.harbormaster.audit.AuditTrail;
import dev.harbormaster.notify.SlackDirectory;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.notify.OutboundMessage;
import dev.harbormaster.notify.Outbox;
import dev.harbormaster.slack.SlackConnection;
import dev.harbormaster.slack.SlackErrors;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one approval engine every gated action goes through. It asks the policies, keeps each request's state
 * in PostgreSQL (every move a conditional update), counts votes one request at a time (row lock), and runs
 * an approved action exactly once: only the caller whose APPROVED → EXECUTING update wins runs it, after
 * re-checking parameters, target, approvers and expiry. Messages go through the outbox, in the same
 * transaction as the change they report; every step is written to the audit trail.
 */
@ApplicationScoped
public class ApprovalEngine {

    private static final Logger LOG = Logger.getLogger(ApprovalEngine.class);
    static final String SYSTEM = "system";
    private static final int LIST_LIMIT = 200;
    private static final String CUT_SHORT = "the replica running it stopped before it finished";
    /** Enough to reach a team; a user group is one mention however large it is. */
    private static final int MAX_MENTIONS = 20;

    @Inject
    ApprovalPolicies policies;
    @Inject
    ApprovalActions actions;
    @Inject
    ApprovalRequestRepository requests;
    @Inject
    ApprovalVoteRepository votes;
    @Inject
    ApproverDirectory directory;
    @Inject
    ApprovalSettings settings;
    @Inject
    Organisation organisation;
    @Inject
    Outbox outbox;
    @Inject
    AuditTrail audit;
    @Inject
    NewTransaction tx;
    @Inject
    SlackErrors errors;
    @Inject
    SlackConnection connection;
    @Inject
    PolicyTeamCheck teamCheck;


    private final ExecutorService runner = Executors.newFixedThreadPool(2, namedThreads());
    /** Renews the leases of the requests this replica is running. */
    private final ScheduledExecutorService leases = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "approval-lease");
        thread.setDaemon(true);
        return thread;
    });

    /** This replica, as lease holder: pid@host. */
    private static final String REPLICA = ManagementFactory.getRuntimeMXBean().getName();

    // ---- asking --------------------------------------------------------------------------------------

    /**
     * Asks for a gated action. Runs it at once when no policy covers it, or by break-glass where every
     * policy allows that; otherwise makes a request and asks the approvers.
     *
     * @param reason          why, when a policy wants one (may be null)
     * @param emergencyReason set to run at once by break-glass (may be null)
     */
    public SubmitResult submit(String actionName, Map<String, String> parameters, String requesterId, String reason,
                               String emergencyReason) {
        Optional<ApprovalAction> found = actions.byName(actionName);
        if (found.isEmpty()) {
            return new SubmitResult.Refused("Nothing can run " + ApprovalText.code(actionName) + " yet.");
        }
        ApprovalAction action = found.get();
        String why = blankToNull(reason);
        String emergency = blankToNull(emergencyReason);
        ActionTarget target;
        try {
            target = tx.call(() -> action.target(parameters));
        } catch (ActionRefusedException e) {
            return new SubmitResult.Refused(e.getMessage());
        }
        Optional<String> broken = brokenPolicies(actionName);
        if (broken.isPresent()) {
            return new SubmitResult.Refused(broken.get());
        }
        Map<String, Object> details = details(actionName, parameters);
        RequesterVerdict may = tx.call(() -> requester(actionName, target, requesterId));
        if (!may.allowed()) {
            details.put("policy", may.policy().map(ApprovalPolicy::name).orElse("default"));
            tx.call(() -> record(requesterId, "approval.not_allowed", target.auditRef(), details));
            return new SubmitResult.Refused(notAllowed(tx.call(() -> action.describe(parameters)), target, may));
        }
        Assessment assessment = policies.evaluator().assess(actionName, target, why != null || emergency != null,
                emergency != null, Instant.now());
        if (assessment instanceof Assessment.Denied denied) {
            details.put("policy", denied.policy().name());
            tx.call(() -> record(requesterId, "approval.denied", target.auditRef(), details));
            return new SubmitResult.Denied(denied.policy().name(), denied.message());
        }
        if (assessment instanceof Assessment.ReasonNeeded needed) {
            return new SubmitResult.NeedsReason(needed.policy().name());
        }
        if (assessment instanceof Assessment.BreakGlassRefused refused) {
            details.put("policy", refused.policy().name());
            details.put("emergency", emergency);
            tx.call(() -> record(requesterId, "approval.break_glass_refused", target.auditRef(), details));
            return new SubmitResult.Refused("Policy " + ApprovalText.code(refused.policy().name())
                    + " does not allow break-glass (`--emergency`) for " + ApprovalText.code(actionName)
                    + ". Ask again without `--emergency`, and the approvers will be asked.");
        }
        if (assessment instanceof Assessment.BreakGlass breakGlass) {
            return runBreakGlass(action, parameters, requesterId, why, emergency, target, breakGlass.policies());
        }
        if (assessment instanceof Assessment.ApprovalNeeded needed) {
            return request(action, parameters, requesterId, why, target, needed);
        }
        return runUnrestricted(action, parameters, requesterId, target, details);
    }

    /**
     * What {@link #submit} would refuse with, without recording, asking or running anything: lets a form that
     * carries several changes refuse all of them before it saves any. Empty when it would run or be asked for.
     */
    public Optional<SubmitResult> preflight(String actionName, Map<String, String> parameters, String requesterId,
                                            boolean reasonGiven) {
        Optional<ApprovalAction> found = actions.byName(actionName);
        if (found.isEmpty()) {
            return Optional.of(new SubmitResult.Refused("Nothing can run " + ApprovalText.code(actionName) + " yet."));
        }
        ActionTarget target;
        try {
            target = tx.call(() -> found.get().target(parameters));
        } catch (ActionRefusedException e) {
            return Optional.of(new SubmitResult.Refused(e.getMessage()));
        }
        Optional<String> broken = brokenPolicies(actionName);
        if (broken.isPresent()) {
            return Optional.of(new SubmitResult.Refused(broken.get()));
        }
        RequesterVerdict may = tx.call(() -> requester(actionName, target, requesterId));
        if (!may.allowed()) {
            return Optional.of(new SubmitResult.Refused(notAllowed(tx.call(() -> found.get().describe(parameters)), target, may)));
        }
        Assessment assessment = policies.evaluator().assess(actionName, target, reasonGiven, false, Instant.now());
        if (assessment instanceof Assessment.Denied denied) {
            return Optional.of(new SubmitResult.Denied(denied.policy().name(), denied.message()));
        }
        if (assessment instanceof Assessment.ReasonNeeded needed) {
            return Optional.of(new SubmitResult.NeedsReason(needed.policy().name()));
        }
        return Optional.empty();
    }

    private SubmitResult runUnrestricted(ApprovalAction action, Map<String, String> parameters, String requesterId,
                                         ActionTarget target, Map<String, Object> details) {
        details.put("policy", "none");
        try {
            String outcome = action.execute(parameters, requesterId);
            details.put("outcome", outcome);
            tx.call(() -> record(requesterId, "approval.executed", target.auditRef(), details));
            return new SubmitResult.Executed(outcome, null, false);
        } catch (ActionRefusedException e) {
            details.put("error", e.getMessage());
            tx.call(() -> record(requesterId, "approval.failed", target.auditRef(), details));
            return new SubmitResult.Refused(e.getMessage());
        }
    }

    private SubmitResult request(ApprovalAction action, Map<String, String> parameters, String requesterId, String reason,
                                 ActionTarget target, Assessment.ApprovalNeeded needed) {
        ApprovalRequest created = tx.call(() -> {
            ApprovalRequest request = newRequest(action, parameters, requesterId, reason, target, needed.policies(),
                    ApprovalStatus.PENDING, needed.expiresAt(), channelFor(needed.channel(), target));
            Map<String, Object> details = details(action.name(), parameters);
            details.put("request", request.id);
            details.put("policies", request.policyNames);
            details.put("reason", reason);
            details.put("expires_at", request.expiresAt.toString());
            record(requesterId, "approval.requested", target.auditRef(), details);
            publish(request, true);
            outbox.enqueue(OutboundMessage.post(requesterId, RequesterNotices.requested(request, connection.slashCommand()), null));
            return request;
        });
        List<String> requirements = needed.policies().stream().flatMap(p -> p.require().stream()
                .map(r -> ApprovalText.policyLine(p.name(), ApprovalText.requirement(r, target)))).toList();
        return new SubmitResult.Pending(created.id, requirements, created.channel, created.expiresAt);
    }

    private SubmitResult runBreakGlass(ApprovalAction action, Map<String, String> parameters, String requesterId, String reason,
                                       String emergency, ActionTarget target, List<ApprovalPolicy> matching) {
        ApprovalRequest created = tx.call(() -> {
            ApprovalRequest request = newRequest(action, parameters, requesterId, reason, target, matching,
                    ApprovalStatus.APPROVED, Instant.now(), channelFor(matching.stream().map(ApprovalPolicy::channel)
                            .flatMap(Optional::stream).findFirst(), target));
            request.emergencyReason = emergency;
            request.decidedBy = requesterId;
            request.decidedAt = request.createdAt;
            Map<String, Object> details = details(action.name(), parameters);
            details.put("request", request.id);
            details.put("policies", request.policyNames);
            details.put("emergency", emergency);
            record(requesterId, "approval.break_glass", target.auditRef(), details);
            publish(request, true);
            return request;
        });
        ApprovalRequest finished = run(created.id);
        if (finished.status == ApprovalStatus.SUCCEEDED) {
            return new SubmitResult.Executed(finished.outcome, finished.id, true);
        }
        return new SubmitResult.Refused(":x: Break-glass " + ApprovalText.id(finished.id) + " did not run: " + finished.outcome);
    }

    private ApprovalRequest newRequest(ApprovalAction action, Map<String, String> parameters, String requesterId,
                                       String reason, ActionTarget target, List<ApprovalPolicy> matching,
                                       ApprovalStatus status, Instant expiresAt, String channel) {
        ApprovalRequest request = new ApprovalRequest();
        request.action = action.name();
        request.parameters = ActionParameters.toJson(parameters);
        request.parametersHash = ActionParameters.hash(action.name(), request.parameters);
        request.summary = action.describe(parameters);
        request.targetService = target.service();
        request.targetTeam = target.owningTeam();
        request.targetEnvironment = target.environment();
        request.targetTier = target.tier();
        request.targetEnvironments = target.environments().isEmpty() ? null : String.join(",", target.environments());
        request.targetSeverity = target.severity();
        request.targetDurationSeconds = target.duration() == null ? null : target.duration().toSeconds();
        request.requesterId = requesterId;
        request.reason = reason;
        request.status = status;
        request.policyNames = String.join(",", matching.stream().map(ApprovalPolicy::name).toList());
        request.channel = channel;
        request.createdAt = Instant.now();
        request.expiresAt = expiresAt;
        requests.persistAndFlush(request);
        return request;
    }

    /** The policy's channel, else the owning team's channel in the catalog, else the configured one. */
    private String channelFor(Optional<String> policyChannel, ActionTarget target) {
        return policyChannel.or(() -> Optional.ofNullable(target.owningTeam()).flatMap(organisation::channel))
                .orElse(settings.channel());
    }

    // ---- voting --------------------------------------------------------------------------------------

    /** Whether this person could vote on the request now; the reason they cannot, if not. Changes nothing. */
    public Optional<String> whyNotVote(long requestId, String voterId, boolean approve) {
        return tx.call(() -> {
            Optional<ApprovalRequest> found = requests.findByIdOptional(requestId);
            if (found.isEmpty()) {
                return Optional.of(unknown(requestId));
            }
            ApprovalRequest request = found.get();
            if (request.status != ApprovalStatus.PENDING) {
                return Optional.of(notPending(request));
            }
            ActionTarget target = currentTarget(request);
            List<ApprovalPolicy> matching = policies.evaluator().matching(request.action, target);
            return refusal(request, target, matching, voterId, approve, directory.lookup());
        });
    }

    /** Records a vote from {@code voterId} (a Slack user id: the only identity trusted), and settles the request when it can. */
    public EngineAnswer vote(long requestId, String voterId, boolean approve, String reason) {
        record Voted(EngineAnswer answer, boolean approved) {
        }
        Voted voted = tx.call(() -> {
            Optional<ApprovalRequest> locked = requests.lock(requestId);
            if (locked.isEmpty()) {
                return new Voted(EngineAnswer.refused(unknown(requestId)), false);
            }
            ApprovalRequest request = locked.get();
            if (request.status != ApprovalStatus.PENDING) {
                return new Voted(EngineAnswer.refused(notPending(request)), false);
            }
            if (!Instant.now().isBefore(request.expiresAt)) {
                expire(request);
                return new Voted(EngineAnswer.refused("Request " + ApprovalText.id(requestId) + " expired at "
                        + ApprovalText.time(request.expiresAt) + "; it will not run. Ask for it again if it is still needed."), false);
            }
            ActionTarget target = currentTarget(request);
            List<ApprovalPolicy> matching = policies.evaluator().matching(request.action, target);
            ApproverDirectory.Lookup lookup = directory.lookup();
            Optional<String> refusal = refusal(request, target, matching, voterId, approve, lookup);
            if (refusal.isPresent()) {
                return new Voted(EngineAnswer.refused(refusal.get()), false);
            }
            if (!votes.add(requestId, voterId, approve, blankToNull(reason))) {
                return new Voted(EngineAnswer.refused("You already voted on " + ApprovalText.id(requestId)
                        + "; each approver votes once."), false);
            }
            Map<String, Object> details = requestDetails(request);
            details.put("decision", approve ? "approve" : "reject");
            details.put("reason", blankToNull(reason));
            record(voterId, "approval.voted", auditRef(request), details);
            Tally tally = policies.evaluator().tally(matching, target, request.requesterId, ballots(requestId), lookup);
            boolean approvedNow = false;
            String answer;
            switch (tally.verdict()) {
                case REJECTED -> {
                    Ballot rejection = tally.rejection().orElseThrow();
                    String why = votes.forRequest(requestId).stream().filter(v -> v.voterId.equals(rejection.voterId()))
                            .map(v -> v.reason).findFirst().orElse(null);
                    requests.transition(requestId, ApprovalStatus.PENDING, ApprovalStatus.REJECTED, rejection.voterId(), why);
                    // refreshed first, so the entry records the status the request now has, not PENDING
                    refresh(request);
                    record(rejection.voterId(), "approval.rejected", auditRef(request), requestDetails(request));
                    outbox.enqueue(OutboundMessage.post(request.requesterId, RequesterNotices.rejected(request), null));
                    answer = "You rejected " + ApprovalText.id(requestId) + "; it will not run.";
                }
                case APPROVED -> {
                    requests.transition(requestId, ApprovalStatus.PENDING, ApprovalStatus.APPROVED, voterId, null);
                    refresh(request);
                    record(voterId, "approval.approved", auditRef(request), requestDetails(request));
                    approvedNow = true;
                    answer = "You approved " + ApprovalText.id(requestId) + "; that was the last approval needed, so it runs now.";
                }
                default -> answer = "You approved " + ApprovalText.id(requestId) + "; it still needs more approvals.";
            }
            publish(request, false);
            return new Voted(EngineAnswer.accepted(answer), approvedNow);
        });
        if (voted.approved()) {
            runner.execute(() -> inRequestContext(() -> run(requestId)));
        }
        return voted.answer();
    }

    private Optional<String> refusal(ApprovalRequest request, ActionTarget target, List<ApprovalPolicy> matching,
                                     String voterId, boolean approve, Membership membership) {
        Eligibility eligibility = policies.evaluator().eligibility(matching, target, request.requesterId, voterId, membership);
        return switch (eligibility) {
            case ELIGIBLE -> Optional.empty();
            case OWN_REQUEST -> Optional.of("You cannot " + (approve ? "approve" : "reject") + " your own request "
                    + ApprovalText.id(request.id) + ": someone else among the approvers must decide. To withdraw it, type `"
                    + connection.slashCommand() + " approvals cancel " + request.id + "`.");
            case NOT_AN_APPROVER -> Optional.of("You are not one of the approvers of " + ApprovalText.id(request.id)
                    + ". It needs " + String.join("; ", matching.stream().flatMap(p -> p.require().stream()
                    .map(r -> ApprovalText.requirement(r, target))).toList())
                    + ". See who with `" + connection.slashCommand() + " approvals`."
                    + (membership instanceof ApproverDirectory.Lookup lookup && lookup.identityUnknown(voterId)
                    ? " Slack has not told me your email yet, so team lists that name you by email cannot match;"
                    + " I will ask it again, so try once more in a minute." : ""));
        };
    }

    // ---- running -------------------------------------------------------------------------------------

    /**
     * Runs an approved request if this caller wins APPROVED → EXECUTING; anyone else returns at once. Before
     * running, checks again that the parameters are unchanged, the target is still there, the approvals still
     * hold (approvers still entitled, no policy now denies it) and it had not expired when approved.
     *
     * @return the request as it stands afterwards
     */
    ApprovalRequest run(long requestId) {
        Instant now = Instant.now();
        boolean mine = tx.call(() -> requests.claimExecution(requestId, ApprovalStatus.APPROVED, REPLICA, now,
                now.plus(settings.executionLease())));
        if (!mine) {
            return tx.call(() -> requests.findById(requestId));
        }
        return runClaimed(requestId, false);
    }

    /** @param again whether a replica that died had started it before (only repeatable actions are run again) */
    private ApprovalRequest runClaimed(long requestId, boolean again) {
        long every = settings.executionLease().toMillis() / 4;
        ScheduledFuture<?> renewal = leases.scheduleAtFixedRate(() -> renewLease(requestId), every, every, TimeUnit.MILLISECONDS);
        try {
            ApprovalRequest request = tx.call(() -> requests.findById(requestId));
            ApprovalAction action = actions.byName(request.action).orElse(null);
            Optional<String> problem = tx.call(() -> precheck(request, action));
            if (problem.isPresent()) {
                return again ? finish(requestId, ApprovalStatus.UNKNOWN, CUT_SHORT + ", and running it again was refused: "
                        + problem.get() + ". " + action.whatToCheck(request.parameterMap()))
                        : finish(requestId, false, "Not run: " + problem.get());
            }
            Map<String, String> parameters = request.parameterMap();
            String note = again ? " (run again: the replica first running it stopped before it finished)" : "";
            try {
                String outcome = action.execute(parameters, request.requesterId);
                return finish(requestId, true, outcome + note);
            } catch (ActionRefusedException e) {
                return finish(requestId, false, e.getMessage() + note);
            } catch (RuntimeException e) {
                String errorId = errors.record("running an approved request", "request #" + requestId, e);
                return finish(requestId, false, "something went wrong on our side (error id `" + errorId + "`)" + note);
            }
        } finally {
            renewal.cancel(false);
        }
    }

    private void renewLease(long requestId) {
        try {
            if (!tx.call(() -> requests.renewLease(requestId, REPLICA, Instant.now().plus(settings.executionLease())))) {
                LOG.warnf("Request #%d: lost its lease (another replica took it over)", requestId);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Request #%d: could not renew its lease: %s", requestId, e.getMessage());
        }
    }

    /**
     * Requests whose replica died while running them (the lease ran out): a repeatable action runs again on this
     * replica; any other ends with its outcome unknown, and the requester and the approvers are told what to check.
     *
     * @return how many were taken over or ended
     */
    public int recoverAbandoned() {
        int recovered = 0;
        for (Long id : tx.call(() -> requests.executingWithExpiredLease(Instant.now(), LIST_LIMIT))) {
            ApprovalRequest request = tx.call(() -> requests.findById(id));
            Optional<ApprovalAction> action = actions.byName(request.action);
            Instant now = Instant.now();
            if (action.isPresent() && action.get().repeatable()) {
                if (tx.call(() -> requests.claimExecution(id, ApprovalStatus.EXECUTING, REPLICA, now, now.plus(settings.executionLease())))) {
                    LOG.warnf("Request #%d: its replica (%s) stopped mid-run; running it again here", id, request.leaseHolder);
                    runClaimed(id, true);
                    recovered++;
                }
            } else if (abandon(id, now, CUT_SHORT + ", so it may or may not have taken effect, and "
                    + ApprovalText.code(request.action) + " is not safe to run twice. "
                    + action.map(a -> a.whatToCheck(request.parameterMap())).orElse("Check whether it took effect."))) {
                recovered++;
            }
        }
        return recovered;
    }

    private boolean abandon(long id, Instant now, String outcome) {
        return tx.call(() -> {
            if (!requests.abandon(id, now, outcome)) {
                return false;
            }
            ApprovalRequest request = requests.findById(id);
            refresh(request);
            Map<String, Object> details = requestDetails(request);
            details.put("outcome", outcome);
            record(SYSTEM, "approval.outcome_unknown", auditRef(request), details);
            publish(request, false);
            outbox.enqueue(OutboundMessage.post(request.requesterId, RequesterNotices.finished(request), null));
            votes.forRequest(id).stream().filter(ApprovalVote::approve).map(v -> v.voterId).distinct()
                    .forEach(voter -> outbox.enqueue(OutboundMessage.post(voter, ":grey_question: Request " + ApprovalText.id(id)
                            + " that you approved was started, but " + outcome, null)));
            LOG.warnf("Request #%d: outcome unknown (its replica %s stopped mid-run)", id, request.leaseHolder);
            return true;
        });
    }

    private Optional<String> precheck(ApprovalRequest request, ApprovalAction action) {
        if (action == null) {
            return Optional.of("nothing offers " + ApprovalText.code(request.action) + " any more");
        }
        if (!ActionParameters.hash(request.action, request.parameters).equals(request.parametersHash)) {
            return Optional.of("its parameters changed after it was asked for");
        }
        if (!request.emergency() && request.decidedAt != null && request.decidedAt.isAfter(request.expiresAt)) {
            return Optional.of("it expired at " + ApprovalText.time(request.expiresAt) + ", before it was approved");
        }
        Map<String, String> parameters = request.parameterMap();
        Optional<String> invalid = action.precheck(parameters);
        if (invalid.isPresent()) {
            return invalid;
        }
        ActionTarget target;
        try {
            target = action.target(parameters);
        } catch (ActionRefusedException e) {
            return Optional.of(e.getMessage());
        }
        List<ApprovalPolicy> matching = policies.evaluator().matching(request.action, target);
        for (ApprovalPolicy policy : matching) {
            Optional<String> denial = policy.denial(target);
            if (denial.isPresent()) {
                return Optional.of("policy " + ApprovalText.code(policy.name()) + " now denies it: " + Mrkdwn.escape(denial.get()));
            }
        }
        RequesterVerdict may = requester(request.action, target, request.requesterId);
        if (!may.allowed()) {
            return Optional.of(ApprovalText.person(request.requesterId) + " may no longer ask for it: only "
                    + ApprovalText.requesters(may.who(), target) + " may");
        }
        if (request.emergency()) {
            return matching.stream().filter(p -> !p.breakGlass()).findFirst()
                    .map(p -> "policy " + ApprovalText.code(p.name()) + " does not allow break-glass for it");
        }
        Tally tally = policies.evaluator().tally(matching, target, request.requesterId, ballots(request.id), directory.lookup());
        if (tally.verdict() != PolicyEvaluator.Verdict.APPROVED) {
            return Optional.of("its approvals no longer hold (an approver may have left the team, or the target now needs more)");
        }
        return Optional.empty();
    }

    private ApprovalRequest finish(long requestId, boolean succeeded, String outcome) {
        return finish(requestId, succeeded ? ApprovalStatus.SUCCEEDED : ApprovalStatus.FAILED, outcome);
    }

    private ApprovalRequest finish(long requestId, ApprovalStatus to, String outcome) {
        return tx.call(() -> {
            requests.transition(requestId, ApprovalStatus.EXECUTING, to, null, outcome);
            ApprovalRequest request = requests.findById(requestId);
            refresh(request);
            Map<String, Object> details = requestDetails(request);
            details.put(to == ApprovalStatus.FAILED ? "error" : "outcome", outcome);
            record(SYSTEM, switch (to) {
                case SUCCEEDED -> "approval.executed";
                case UNKNOWN -> "approval.outcome_unknown";
                default -> "approval.failed";
            }, auditRef(request), details);
            publish(request, false);
            outbox.enqueue(OutboundMessage.post(request.requesterId, RequesterNotices.finished(request), null));
            LOG.infof("Approval request #%d %s", requestId, to);
            return request;
        });
    }

    // ---- withdrawing, reviewing, expiring -------------------------------------------------------------

    public EngineAnswer cancel(long requestId, String userId, String reason) {
        return tx.call(() -> {
            Optional<ApprovalRequest> locked = requests.lock(requestId);
            if (locked.isEmpty()) {
                return EngineAnswer.refused(unknown(requestId));
            }
            ApprovalRequest request = locked.get();
            if (!request.requesterId.equals(userId)) {
                return EngineAnswer.refused("Only " + ApprovalText.person(request.requesterId) + ", who asked for "
                        + ApprovalText.id(requestId) + ", can cancel it. To turn it down, reject it.");
            }
            if (!requests.transition(requestId, ApprovalStatus.PENDING, ApprovalStatus.CANCELLED, userId, blankToNull(reason))) {
                return EngineAnswer.refused(notPending(request));
            }
            refresh(request);
            Map<String, Object> details = requestDetails(request);
            details.put("reason", blankToNull(reason));
            record(userId, "approval.cancelled", auditRef(request), details);
            publish(request, false);
            return EngineAnswer.accepted("Cancelled " + ApprovalText.id(requestId) + ": " + request.summary + ". It will not run.");
        });
    }

    /** An approver's acknowledgement of a break-glass run: the post-hoc review. */
    public EngineAnswer acknowledge(long requestId, String userId) {
        return tx.call(() -> {
            Optional<ApprovalRequest> locked = requests.lock(requestId);
            if (locked.isEmpty() || !locked.get().emergency()) {
                return EngineAnswer.refused("There is no break-glass run " + ApprovalText.id(requestId) + " to acknowledge.");
            }
            ApprovalRequest request = locked.get();
            if (request.reviewedBy != null) {
                return EngineAnswer.refused(ApprovalText.id(requestId) + " was already acknowledged by "
                        + ApprovalText.person(request.reviewedBy) + ".");
            }
            ActionTarget target = request.storedTarget();
            List<ApprovalPolicy> matching = policies.evaluator().matching(request.action, target);
            Eligibility eligibility = policies.evaluator().eligibility(matching, target, request.requesterId, userId, directory.lookup());
            if (eligibility == Eligibility.OWN_REQUEST) {
                return EngineAnswer.refused("You ran " + ApprovalText.id(requestId)
                        + " yourself: another approver must review it.");
            }
            if (eligibility != Eligibility.ELIGIBLE) {
                return EngineAnswer.refused("Only its approvers can acknowledge " + ApprovalText.id(requestId) + ".");
            }
            requests.acknowledge(requestId, userId);
            refresh(request);
            record(userId, "approval.acknowledged", auditRef(request), requestDetails(request));
            publish(request, false);
            return EngineAnswer.accepted("You acknowledged break-glass " + ApprovalText.id(requestId) + ".");
        });
    }

    /** Moves every pending request past its expiry to EXPIRED and edits its message; returns how many. */
    public int expireDue() {
        int expired = 0;
        for (Long id : tx.call(() -> requests.pendingExpiredBy(Instant.now(), LIST_LIMIT))) {
            boolean changed = tx.call(() -> requests.lock(id).filter(r -> r.status == ApprovalStatus.PENDING)
                    .map(this::expire).orElse(false));
            if (changed) {
                expired++;
            }
        }
        return expired;
    }

    /**
     * Starts approved requests that nobody started: the replica that took the last vote hands the run to a
     * worker after its commit, and may die in between. {@link #run} wins APPROVED → EXECUTING at most once,
     * so picking one up here never runs it twice.
     */
    public int resumeApproved(Duration olderThan) {
        int resumed = 0;
        for (Long id : tx.call(() -> requests.approvedNotStartedBy(Instant.now().minus(olderThan), LIST_LIMIT))) {
            if (run(id).status != ApprovalStatus.APPROVED) {
                resumed++;
            }
        }
        return resumed;
    }

    private boolean expire(ApprovalRequest request) {
        if (!requests.transition(request.id, ApprovalStatus.PENDING, ApprovalStatus.EXPIRED, SYSTEM, null)) {
            return false;
        }
        refresh(request);
        record(SYSTEM, "approval.expired", auditRef(request), requestDetails(request));
        publish(request, false);
        outbox.enqueue(OutboundMessage.post(request.requesterId, RequesterNotices.finished(request), null));
        return true;
    }

    // ---- reading -------------------------------------------------------------------------------------

    /** What {@code approvals} shows one person. */
    public record Overview(List<ApprovalRequest> mine, List<ApprovalRequest> waitingForMe, List<ApprovalRequest> toReview) {
    }

    public Overview overview(String userId) {
        return tx.call(() -> {
            ApproverDirectory.Lookup lookup = directory.lookup();
            List<ApprovalRequest> waiting = new ArrayList<>();
            for (ApprovalRequest request : requests.pending(LIST_LIMIT)) {
                ActionTarget target = request.storedTarget();
                List<ApprovalPolicy> matching = policies.evaluator().matching(request.action, target);
                boolean voted = votes.forRequest(request.id).stream().anyMatch(v -> v.voterId.equals(userId));
                if (!voted && policies.evaluator().eligibility(matching, target, request.requesterId, userId, lookup)
                        == Eligibility.ELIGIBLE) {
                    waiting.add(request);
                }
            }
            List<ApprovalRequest> reviews = requests.awaitingReview(LIST_LIMIT).stream().filter(r -> {
                List<ApprovalPolicy> matching = policies.evaluator().matching(r.action, r.storedTarget());
                return policies.evaluator().eligibility(matching, r.storedTarget(), r.requesterId, userId, lookup)
                        == Eligibility.ELIGIBLE;
            }).toList();
            return new Overview(requests.pendingRequestedBy(userId), waiting, reviews);
        });
    }

    /**
     * What the policies would say about an action, without acting: for {@code policy check}.
     *
     * @param requesters who may ask for it, and whether the person checking may
     * @param broken     why nobody may ask for it until the policies are fixed, if so
     */
    public record Explanation(String summary, ActionTarget target, List<ApprovalPolicy> matching, Assessment assessment,
                              Map<ApprovalPolicy, List<String>> requirementLines, String channel,
                              RequesterVerdict requesters, String whoMayAsk, Optional<String> broken) {
    }

    /** @param callerId who is checking: the answer says whether they may ask for it themselves */
    public Explanation explain(String actionName, Map<String, String> parameters, String callerId) {
        ApprovalAction action = actions.byName(actionName).orElseThrow(
                () -> new ActionRefusedException("Nothing can run " + ApprovalText.code(actionName) + " yet."));
        Optional<String> broken = brokenPolicies(actionName);
        return tx.call(() -> {
            ActionTarget target = action.target(parameters);
            PolicyEvaluator evaluator = policies.evaluator();
            List<ApprovalPolicy> matching = evaluator.matching(actionName, target);
            Assessment assessment = evaluator.assess(actionName, target, false, false, Instant.now());
            ApproverDirectory.Lookup lookup = directory.lookup();
            Map<ApprovalPolicy, List<String>> lines = new LinkedHashMap<>();
            for (ApprovalPolicy policy : matching) {
                lines.put(policy, policy.require().stream().map(r -> ApprovalText.requirement(r, target)
                        + lookup.members(r.from(), target).filter(m -> !m.isEmpty())
                        .map(m -> ": " + ApprovalText.people(m)).orElse(": nobody at the moment")).toList());
            }
            String channel = channelFor(matching.stream().map(ApprovalPolicy::channel).flatMap(Optional::stream).findFirst(), target);
            RequesterVerdict may = evaluator.requester(matching, target, callerId, lookup, defaultRequesters());
            return new Explanation(action.describe(parameters), target, matching, assessment, lines, channel, may,
                    ApprovalText.requesters(may.who(), target), broken);
        });
    }

    /** The policies listed for {@code policy check} without a command: what was loaded, from where. */
    public List<ApprovalPolicy> loadedPolicies() {
        return policies.evaluator().policies();
    }

    /** Who may ask when no policy says: the owning team and the platform admins. */
    public List<ApproverSet> defaultRequesters() {
        return List.of(new ApproverSet.Owners(), new ApproverSet.CatalogTeam(organisation.adminTeam()));
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private RequesterVerdict requester(String actionName, ActionTarget target, String requesterId) {
        return policies.evaluator().requester(policies.evaluator().matching(actionName, target), target, requesterId,
                directory.lookup(), defaultRequesters());
    }

    private String notAllowed(String summary, ActionTarget target, RequesterVerdict may) {
        return ":no_entry: You may not ask for this: " + summary + ". Only " + ApprovalText.requesters(may.who(), target)
                + " may" + may.policy().map(p -> " (policy " + ApprovalText.code(p.name()) + ")")
                .orElse(" (by default, a service's owning team and the platform admins)")
                + ". Ask one of them to do it, or to hand you the service.";
    }

    /** A policy covering the action names a team the catalog lacks: refuse rather than apply half a policy. */
    private Optional<String> brokenPolicies(String actionName) {
        List<String> missing = teamCheck.missingFor(actionName);
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        LOG.warnf("Refused %s: its approval policies name teams the catalog lacks: %s", actionName, missing);
        return Optional.of(":no_entry: " + ApprovalText.code(actionName) + " cannot be asked for until the platform team "
                + "fixes its approval policies: " + Mrkdwn.escape(missing.get(0)) + ".");
    }

    private RequestState state(ApprovalRequest request) {
        ActionTarget target = request.storedTarget();
        List<ApprovalPolicy> matching = policies.evaluator().matching(request.action, target);
        ApproverDirectory.Lookup lookup = directory.lookup();
        Tally tally = policies.evaluator().tally(matching, target, request.requesterId, ballots(request.id), lookup);
        List<RequestState.RequirementLine> lines = tally.progress().stream()
                .map(p -> new RequestState.RequirementLine(p.policy().name(), p.requirement().count(),
                        ApprovalText.approverSet(p.requirement().from(), target), p.approvers(), p.missing()))
                .toList();
        List<String> toAsk = request.status != ApprovalStatus.PENDING ? List.of() : tally.progress().stream()
                .filter(p -> p.missing() > 0)
                .flatMap(p -> mentions(p.requirement().from(), target, request, lookup).stream())
                .distinct().limit(MAX_MENTIONS).toList();
        return new RequestState(request, votes.forRequest(request.id), lines, toAsk);
    }

    /**
     * Who to @-mention for one approver set: people by Slack id (a catalog email becomes an id once Slack has told us
     * which), a user group by its id. The requester is left out where they cannot approve themselves.
     */
    private List<String> mentions(ApproverSet set, ActionTarget target, ApprovalRequest request, ApproverDirectory.Lookup lookup) {
        if (set instanceof ApproverSet.Usergroup group) {
            return List.of(ApprovalText.usergroup(group.ref()));
        }
        boolean selfApproval = policies.evaluator().matching(request.action, target).stream().allMatch(ApprovalPolicy::selfApproval);
        Optional<String> requesterEmail = selfApproval ? Optional.empty() : lookup.email(request.requesterId);
        return lookup.members(set, target).orElse(List.of()).stream()
                .filter(member -> selfApproval || !member.equals(request.requesterId)
                        && requesterEmail.map(email -> !email.equalsIgnoreCase(member)).orElse(true))
                .map(member -> ApprovalText.isUserId(member) ? ApprovalText.person(member) : SlackDirectory.mentionByEmail(member))
                .toList();
    }

    private void publish(ApprovalRequest request, boolean first) {
        RequestState state = state(request);
        String text = ApprovalRequestMessage.text(state);
        String blocks = ApprovalRequestMessage.blocksJson(state);
        if (!first) {
            outbox.enqueue(OutboundMessage.update(request.channel, request.messageKey(), text, blocks));
            return;
        }
        OutboundMessage post = OutboundMessage.post(request.channel, text, blocks).withKey(request.messageKey());
        // A team channel that is gone (or that the bot is not in) must not swallow the request: it goes to the
        // approvals channel, and the requester is told where.
        outbox.enqueue(request.channel.equals(settings.channel()) ? post : post.orElseIn(new OutboundMessage.Fallback(
                settings.channel(), request.requesterId, RequesterNotices.rerouted(request))));
    }

    /** The target as it is now, or as it was asked for when it is gone (a deleted service can still be rejected). */
    private ActionTarget currentTarget(ApprovalRequest request) {
        Optional<ApprovalAction> action = actions.byName(request.action);
        if (action.isPresent()) {
            try {
                return action.get().target(request.parameterMap());
            } catch (ActionRefusedException e) {
                LOG.debugf("Request #%d: target not found now (%s); using the one asked for", request.id, e.getMessage());
            }
        }
        return request.storedTarget();
    }

    private List<Ballot> ballots(long requestId) {
        return votes.forRequest(requestId).stream().map(ApprovalVote::ballot).toList();
    }

    private void refresh(ApprovalRequest request) {
        requests.getEntityManager().refresh(request);
    }

    private Void record(String actor, String action, String target, Map<String, Object> details) {
        audit.record(actor, action, target, details);
        return null;
    }

    private static String auditRef(ApprovalRequest request) {
        return request.storedTarget().auditRef();
    }

    private static Map<String, Object> details(String action, Map<String, String> parameters) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", action);
        details.put("parameters", Map.copyOf(parameters));
        return details;
    }

    private static Map<String, Object> requestDetails(ApprovalRequest request) {
        Map<String, Object> details = details(request.action, request.parameterMap());
        details.put("request", request.id);
        details.put("status", request.status.name());
        return details;
    }

    private static String unknown(long requestId) {
        return "There is no approval request " + ApprovalText.id(requestId) + ". Type the number shown on the request.";
    }

    private static String notPending(ApprovalRequest request) {
        return "Request " + ApprovalText.id(request.id) + " is already " + ApprovalText.status(request.status)
                + (request.decidedBy == null || ApprovalEngine.SYSTEM.equals(request.decidedBy) ? ""
                : " (by " + ApprovalText.person(request.decidedBy) + ")") + "; nothing to do.";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static void inRequestContext(Runnable work) {
        ManagedContext context = Arc.container().requestContext();
        context.activate();
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("Running an approved request failed", e);
        } finally {
            context.terminate();
        }
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "approval-runner-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    void stop(@Observes ShutdownEvent shutdown) {
        runner.shutdown();
        leases.shutdownNow();
    }
}

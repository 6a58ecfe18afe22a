package dev.harbormaster.digest;

import dev.harbormaster.catalog.DigestSchedule;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;

/**
 * One Quartz cron trigger per team, in the clustered JDBC store, kept equal to the team's schedule: created and
 * changed from the catalog (at start, every few minutes, and at once after {@code digest schedule}), removed with the
 * team. A trigger whose cron and zone already match is left alone, so its next fire and misfire state survive. Quartz
 * evaluates the cron in the team's zone, which is what keeps 09:00 at 09:00 across daylight-saving changes; a fire
 * missed while every replica was down fires once when one comes back (fire-and-proceed), and the job marks it late.
 */
@ApplicationScoped
public class DigestTriggers {

    static final String GROUP = "digests";
    private static final Logger LOG = Logger.getLogger(DigestTriggers.class);

    @Inject
    Scheduler quartz;
    @Inject
    DigestSchedules schedules;
    @Inject
    DigestSettings settings;

    private volatile Thread starting;

    void start(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            return;
        }
        // Not in start-up's path: the catalog may still be importing, and schedules are not needed to answer anyone.
        Thread thread = new Thread(() -> {
            for (int attempt = 1; attempt <= 5 && !Thread.currentThread().isInterrupted(); attempt++) {
                try {
                    sync();
                    return;
                } catch (RuntimeException e) {
                    LOG.warnf("Digest triggers not synchronised yet (attempt %d): %s", attempt, e.getMessage());
                    try {
                        Thread.sleep(2_000L * attempt);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }, "digest-triggers");
        thread.setDaemon(true);
        starting = thread;
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        Thread thread = starting;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Scheduled(identity = "digest-trigger-sync", every = "${harbormaster.digest.sync-every:5m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodically() {
        if (settings.enabled()) {
            sync();
        }
    }

    /** Brings the triggers in line with the schedules; returns how many were created or changed. */
    public synchronized int sync() {
        List<DigestSchedules.TeamSchedule> wanted = QuarkusTransaction.requiringNew().call(() -> {
            schedules.handBackAgreeing();
            return schedules.all();
        });
        int changed = 0;
        try {
            Set<TriggerKey> kept = new HashSet<>();
            for (DigestSchedules.TeamSchedule schedule : wanted) {
                TriggerKey key = triggerKey(schedule.team());
                kept.add(key);
                if (!matches(quartz.getTrigger(key), schedule.schedule())) {
                    schedule(schedule.team(), schedule.schedule());
                    changed++;
                }
            }
            for (TriggerKey key : quartz.getTriggerKeys(GroupMatcher.triggerGroupEquals(GROUP))) {
                if (!kept.contains(key)) {
                    quartz.deleteJob(JobKey.jobKey(key.getName(), GROUP));
                    LOG.infof("Digest trigger %s removed: the team is gone", key.getName());
                }
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz refused a digest trigger change: " + e.getMessage(), e);
        }
        if (changed > 0) {
            LOG.infof("Digest triggers: %d created or changed, %d teams", changed, wanted.size());
        }
        return changed;
    }

    /** One team's trigger brought in line with its schedule (after `digest schedule`), without touching the others. */
    public void syncTeam(String team) {
        DigestSchedules.TeamSchedule schedule = QuarkusTransaction.requiringNew().call(() -> schedules.forTeam(team)).orElseThrow();
        try {
            if (!matches(quartz.getTrigger(triggerKey(team)), schedule.schedule())) {
                schedule(team, schedule.schedule());
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz refused a digest trigger change: " + e.getMessage(), e);
        }
    }

    /** The trigger Quartz holds for a team, if any: what will actually fire, as against what was asked for. */
    public java.util.Optional<CronTrigger> trigger(String team) {
        try {
            Trigger trigger = quartz.getTrigger(triggerKey(team));
            return trigger instanceof CronTrigger cron ? java.util.Optional.of(cron) : java.util.Optional.empty();
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    private void schedule(String team, DigestSchedule schedule) throws SchedulerException {
        JobDetail job = JobBuilder.newJob(DigestJob.class).withIdentity(team, GROUP)
                .usingJobData(DigestJob.TEAM, team).requestRecovery(true).build();
        CronTrigger trigger = TriggerBuilder.newTrigger().withIdentity(triggerKey(team)).forJob(job)
                .withSchedule(CronScheduleBuilder.cronSchedule(schedule.cron())
                        .inTimeZone(TimeZone.getTimeZone(schedule.zone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        quartz.scheduleJob(job, Set.of(trigger), true);
    }

    static boolean matches(Trigger existing, DigestSchedule schedule) {
        return existing instanceof CronTrigger cron && cron.getCronExpression().equals(schedule.cron())
                && cron.getTimeZone().getID().equals(schedule.zone().getId());
    }

    static TriggerKey triggerKey(String team) {
        return TriggerKey.triggerKey(team, GROUP);
    }
}

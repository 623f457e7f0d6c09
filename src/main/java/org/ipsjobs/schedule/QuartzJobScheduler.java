package org.ipsjobs.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;

import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link JobScheduler} on a Quartz scheduler with its in-memory job store.
 *
 * <p>Each key is one Quartz job with at most one trigger of ours. A fire only hands the key to the
 * {@link FireHandler}, which queues the real work elsewhere, so two Quartz threads are plenty.
 * Recurring triggers skip the fires they missed while paused; a one-shot trigger whose time passed
 * fires as soon as it can.
 */
public final class QuartzJobScheduler implements JobScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(QuartzJobScheduler.class);
    private static final String GROUP = "ips";
    private static final String HANDLER = "fireHandler";
    // Quartz keeps schedulers in a JVM-wide registry by name, so each instance needs its own
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Scheduler quartz;
    private final ZoneId zone;

    public QuartzJobScheduler(FireHandler handler, ZoneId zone) {
        this.zone = zone;
        Properties props = new Properties();
        props.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "ips-job-scheduler-" + INSTANCES.incrementAndGet());
        props.setProperty("org.quartz.threadPool.threadCount", "2");
        props.setProperty("org.quartz.threadPool.threadNamePrefix", "ips-schedule");
        props.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
        try {
            quartz = new StdSchedulerFactory(props).getScheduler();
            quartz.getContext().put(HANDLER, handler);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot create the Quartz scheduler", e);
        }
    }

    @Override
    public void start() {
        call(() -> {
            quartz.start();
            return null;
        });
    }

    @Override
    public void scheduleRecurring(String key, ScheduleExpression schedule) {
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(key))
                .withSchedule(CronScheduleBuilder.cronSchedule(schedule.cron())
                        .inTimeZone(TimeZone.getTimeZone(zone))
                        .withMisfireHandlingInstructionDoNothing())
                .build();
        call(() -> quartz.scheduleJob(jobDetail(key), trigger));
    }

    @Override
    public void scheduleOnce(String key, Instant at) {
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(key))
                .startAt(Date.from(at))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        call(() -> quartz.scheduleJob(jobDetail(key), trigger));
    }

    @Override
    public boolean pause(String key) {
        return call(() -> {
            if (!quartz.checkExists(jobKey(key))) {
                return false;
            }
            quartz.pauseJob(jobKey(key));
            return true;
        });
    }

    @Override
    public boolean resume(String key) {
        return call(() -> {
            if (!quartz.checkExists(jobKey(key))) {
                return false;
            }
            quartz.resumeJob(jobKey(key));
            return true;
        });
    }

    @Override
    public boolean fireNow(String key) {
        return call(() -> {
            if (!quartz.checkExists(jobKey(key))) {
                return false;
            }
            quartz.triggerJob(jobKey(key));
            return true;
        });
    }

    @Override
    public boolean remove(String key) {
        return call(() -> quartz.deleteJob(jobKey(key)));
    }

    @Override
    public Optional<TriggerInfo> trigger(String key) {
        return call(() -> {
            Trigger trigger = quartz.getTrigger(triggerKey(key));
            if (trigger == null) {
                return Optional.empty();
            }
            Date next = trigger.getNextFireTime();
            TriggerState state = switch (quartz.getTriggerState(trigger.getKey())) {
                case NORMAL -> TriggerState.NORMAL;
                case PAUSED -> TriggerState.PAUSED;
                case COMPLETE -> TriggerState.COMPLETE;
                case ERROR -> TriggerState.ERROR;
                case BLOCKED -> TriggerState.BLOCKED;
                case NONE -> TriggerState.NONE;
            };
            return Optional.of(new TriggerInfo(next == null ? null : next.toInstant(), state, zone));
        });
    }

    @Override
    public void close() {
        try {
            quartz.shutdown(false);
        } catch (SchedulerException e) {
            LOG.warn("Quartz scheduler did not shut down cleanly: {}", e.toString());
        }
    }

    private static JobDetail jobDetail(String key) {
        return JobBuilder.newJob(FireJob.class).withIdentity(jobKey(key)).build();
    }

    private static JobKey jobKey(String key) {
        return JobKey.jobKey(key, GROUP);
    }

    private static TriggerKey triggerKey(String key) {
        return TriggerKey.triggerKey(key, GROUP);
    }

    private static <T> T call(QuartzCall<T> call) {
        try {
            return call.run();
        } catch (SchedulerException e) {
            throw new IllegalStateException("scheduler failure: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface QuartzCall<T> {
        T run() throws SchedulerException;
    }

    /** The Quartz job behind every key: it passes the fire on and returns at once. */
    @DisallowConcurrentExecution
    public static final class FireJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            try {
                FireHandler handler = (FireHandler) context.getScheduler().getContext().get(HANDLER);
                Date due = context.getScheduledFireTime();
                handler.fired(context.getJobDetail().getKey().getName(),
                        due == null ? Instant.now() : due.toInstant());
            } catch (SchedulerException | RuntimeException e) {
                // a failing handler must not poison the trigger; the fire is reported and dropped
                LOG.error("scheduled fire of {} failed: {}", context.getJobDetail().getKey().getName(), e.toString());
            }
        }
    }
}

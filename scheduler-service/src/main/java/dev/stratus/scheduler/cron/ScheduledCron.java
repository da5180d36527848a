package dev.stratus.scheduler.cron;

import dev.stratus.common.cron.CronSchedule;
import dev.stratus.common.event.CronDesired;

import java.time.Instant;

/** A cron with its parsed schedule and the instant up to which its ticks have been handled. */
record ScheduledCron(CronDesired desired, CronSchedule schedule, Instant checkedThrough) {

    ScheduledCron checkedThrough(Instant instant) {
        return new ScheduledCron(desired, schedule, instant);
    }
}

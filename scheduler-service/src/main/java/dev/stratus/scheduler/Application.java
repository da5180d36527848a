package dev.stratus.scheduler;

import io.micronaut.runtime.Micronaut;

/** Entry point of scheduler-service: fires cron schedules. */
public class Application {
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}

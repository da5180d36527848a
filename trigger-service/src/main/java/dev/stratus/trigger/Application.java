package dev.stratus.trigger;

import io.micronaut.runtime.Micronaut;

/** Entry point of trigger-service: consumes message queues for triggers. */
public class Application {
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}

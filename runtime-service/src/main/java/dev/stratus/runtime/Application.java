package dev.stratus.runtime;

import io.micronaut.runtime.Micronaut;

/** Entry point of runtime-service: gateway and instance manager. */
public class Application {
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}

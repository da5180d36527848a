package dev.stratus.api;

import io.micronaut.runtime.Micronaut;

/** Entry point of api-service: the Scaleway-compatible REST API and the owner of desired state. */
public class Application {
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}

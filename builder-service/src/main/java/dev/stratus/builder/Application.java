package dev.stratus.builder;

import io.micronaut.runtime.Micronaut;

/** Entry point of builder-service: packages uploaded code into OCI images. */
public class Application {
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}

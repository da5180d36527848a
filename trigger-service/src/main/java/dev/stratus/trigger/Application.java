package dev.stratus.trigger;

import io.micronaut.runtime.Micronaut;

/** Entry point of trigger-service: consumes message queues for triggers. */
public class Application {
    public static void main(String[] args) {
        // Deliveries address the function by its domain in the Host header, which java.net.http refuses to set
        // unless allowed before its first use.
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        Micronaut.run(Application.class, args);
    }
}

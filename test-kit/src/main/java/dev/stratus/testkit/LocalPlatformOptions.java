package dev.stratus.testkit;

import dev.stratus.testkit.LocalPlatform.Service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * How to start a {@link LocalPlatform}. The defaults suit tests: a throw-away data directory and free ports
 * everywhere (a port of 0 means "pick a free one"). {@code bin/stratus} sets them from the environment.
 */
public final class LocalPlatformOptions {
    private Path home;
    private Path dataDir;
    private int postgresPort;
    private int kafkaPort;
    private int gatewayPort;
    private boolean managedQueues = true;
    private int natsPort;
    private int sqsPort;
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private final Map<Service, Map<String, String>> env = new EnumMap<>(Service.class);
    private String secretKey;
    private String functionsDomain = "functions.localhost";
    private Duration startTimeout = Duration.ofSeconds(180);

    /** The repository checkout holding the built services; found from test-kit's location when unset. */
    public LocalPlatformOptions home(Path home) {
        this.home = home;
        return this;
    }

    /** Keeps PostgreSQL, Kafka, keys, code and images across runs; unset, a temp directory deleted on close. */
    public LocalPlatformOptions dataDir(Path dataDir) {
        this.dataDir = dataDir;
        return this;
    }

    public LocalPlatformOptions postgresPort(int port) {
        this.postgresPort = port;
        return this;
    }

    public LocalPlatformOptions kafkaPort(int port) {
        this.kafkaPort = port;
        return this;
    }

    /**
     * Whether to start the NATS and SQS servers that {@code scw_nats_config} and {@code scw_sqs_config} triggers
     * read (on by default; either is skipped when trigger-service is given a server of the user's own).
     */
    public LocalPlatformOptions managedQueues(boolean managedQueues) {
        this.managedQueues = managedQueues;
        return this;
    }

    public LocalPlatformOptions natsPort(int port) {
        this.natsPort = port;
        return this;
    }

    public LocalPlatformOptions sqsPort(int port) {
        this.sqsPort = port;
        return this;
    }

    /** The port a service listens on; for the runtime, its management (health) port, not the gateway. */
    public LocalPlatformOptions port(Service service, int port) {
        ports.put(service, port);
        return this;
    }

    public LocalPlatformOptions apiPort(int port) {
        return port(Service.API, port);
    }

    /** Where the runtime serves functions. */
    public LocalPlatformOptions gatewayPort(int port) {
        this.gatewayPort = port;
        return this;
    }

    /** The API key (a UUID); unset, the one saved in the data directory, or a new one saved there. */
    public LocalPlatformOptions secretKey(String secretKey) {
        this.secretKey = secretKey;
        return this;
    }

    public LocalPlatformOptions functionsDomain(String functionsDomain) {
        this.functionsDomain = functionsDomain;
        return this;
    }

    /** An environment variable for one service, set after (so over) the platform's own. */
    public LocalPlatformOptions env(Service service, String name, String value) {
        env.computeIfAbsent(service, s -> new HashMap<>()).put(name, value);
        return this;
    }

    /** How long each service may take to start and answer its health check (they start together). */
    public LocalPlatformOptions startTimeout(Duration startTimeout) {
        this.startTimeout = startTimeout;
        return this;
    }

    Path home() {
        return home;
    }

    Path dataDir() {
        return dataDir;
    }

    int postgresPort() {
        return postgresPort;
    }

    int kafkaPort() {
        return kafkaPort;
    }

    int gatewayPort() {
        return gatewayPort;
    }

    boolean managedQueues() {
        return managedQueues;
    }

    int natsPort() {
        return natsPort;
    }

    int sqsPort() {
        return sqsPort;
    }

    Map<Service, Integer> ports() {
        return ports;
    }

    String secretKey() {
        return secretKey;
    }

    String functionsDomain() {
        return functionsDomain;
    }

    Map<Service, Map<String, String>> env() {
        return env;
    }

    Duration startTimeout() {
        return startTimeout;
    }
}

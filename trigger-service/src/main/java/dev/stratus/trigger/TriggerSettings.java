package dev.stratus.trigger;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * How triggers consume and deliver ({@code stratus.triggers.*}). Scaleway's managed inputs ({@code scw_nats},
 * {@code scw_sqs}) name an account and a region of Scaleway's messaging service; here they are served by the one
 * NATS server and the one SQS endpoint configured below.
 */
@ConfigurationProperties("stratus.triggers")
public class TriggerSettings {
    /** Scaleway's limit: at most this many deliveries of one trigger at once. */
    private int maxInFlight = 10;
    /** Retries after the first failed call (Scaleway retries three times), then the message is dead-lettered. */
    private int retries = 3;
    /** The wait before the first retry; it doubles for each further one. */
    private Duration retryBackoff = Duration.ofSeconds(1);
    /** The first wait before reconnecting to a broker that failed; it doubles up to the max. */
    private Duration reconnectBackoff = Duration.ofSeconds(1);
    private Duration reconnectBackoffMax = Duration.ofSeconds(30);
    /** How long a stopping consumer lets its deliveries finish before handing the rest back to the broker. */
    private Duration drainTimeout = Duration.ofSeconds(10);
    /** For connecting to brokers, and for the first answer of a Kafka cluster. */
    private Duration connectTimeout = Duration.ofSeconds(5);
    /** The server behind {@code scw_nats} triggers. */
    private String natsUrl = "nats://127.0.0.1:4222";
    /** The endpoint and credentials behind {@code scw_sqs} triggers, and the default credentials of {@code sqs}. */
    private String sqsEndpoint = "http://127.0.0.1:9324";
    private String sqsAccessKey = "x";
    private String sqsSecretKey = "x";
    /** The region signed into SQS requests when the endpoint does not name one. */
    private String sqsRegion = "us-east-1";
    /** SQS long-poll wait; also bounds how long a stopping SQS consumer takes to notice. */
    private Duration sqsWait = Duration.ofSeconds(5);

    public int getMaxInFlight() {
        return maxInFlight;
    }

    public void setMaxInFlight(int maxInFlight) {
        this.maxInFlight = Math.max(1, maxInFlight);
    }

    public int getRetries() {
        return retries;
    }

    public void setRetries(int retries) {
        this.retries = Math.max(0, retries);
    }

    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public Duration getReconnectBackoff() {
        return reconnectBackoff;
    }

    public void setReconnectBackoff(Duration reconnectBackoff) {
        this.reconnectBackoff = reconnectBackoff;
    }

    public Duration getReconnectBackoffMax() {
        return reconnectBackoffMax;
    }

    public void setReconnectBackoffMax(Duration reconnectBackoffMax) {
        this.reconnectBackoffMax = reconnectBackoffMax;
    }

    /** The wait before reconnect number {@code attempt} (from 1): the reconnect backoff, doubled each time, capped. */
    public Duration reconnectWait(int attempt) {
        Duration wait = reconnectBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(reconnectBackoffMax) > 0 ? reconnectBackoffMax : wait;
    }

    public Duration getDrainTimeout() {
        return drainTimeout;
    }

    public void setDrainTimeout(Duration drainTimeout) {
        this.drainTimeout = drainTimeout;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public String getNatsUrl() {
        return natsUrl;
    }

    public void setNatsUrl(String natsUrl) {
        this.natsUrl = natsUrl;
    }

    public String getSqsEndpoint() {
        return sqsEndpoint;
    }

    public void setSqsEndpoint(String sqsEndpoint) {
        this.sqsEndpoint = sqsEndpoint;
    }

    public String getSqsAccessKey() {
        return sqsAccessKey;
    }

    public void setSqsAccessKey(String sqsAccessKey) {
        this.sqsAccessKey = sqsAccessKey;
    }

    public String getSqsSecretKey() {
        return sqsSecretKey;
    }

    public void setSqsSecretKey(String sqsSecretKey) {
        this.sqsSecretKey = sqsSecretKey;
    }

    public String getSqsRegion() {
        return sqsRegion;
    }

    public void setSqsRegion(String sqsRegion) {
        this.sqsRegion = sqsRegion;
    }

    public Duration getSqsWait() {
        return sqsWait;
    }

    public void setSqsWait(Duration sqsWait) {
        this.sqsWait = sqsWait;
    }
}

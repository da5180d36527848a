package dev.stratus.trigger.support;

import dev.stratus.common.event.FunctionDesired;
import dev.stratus.common.event.Topics;
import dev.stratus.common.event.TriggerDesired;
import dev.stratus.common.secret.SecretCipher;
import dev.stratus.testkit.Infrastructure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.serde.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Runs trigger-service (its whole application context) against the shared real Kafka, and writes the desired
 * state it reads the way api-service does: JSON records on the compacted topics, tombstones on delete.
 */
public final class TriggerHarness implements AutoCloseable {
    private final String masterKey;
    private final Path dataDir;
    private final SecretCipher cipher;
    private final KafkaProducer<String, String> producer;
    private final Map<String, Object> properties = new HashMap<>();
    private ApplicationContext service;

    /** {@code overrides} go on top of test defaults (short backoffs and waits). */
    public TriggerHarness(Map<String, Object> overrides) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        masterKey = Base64.getEncoder().encodeToString(key);
        try {
            dataDir = Files.createTempDirectory("stratus-trigger-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cipher = new SecretCipher(masterKey, dataDir.toString());
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        properties.put("kafka.bootstrap.servers", bootstrapServers());
        properties.put("micronaut.server.port", -1);
        properties.put("stratus.master-key", masterKey);
        properties.put("stratus.data-dir", dataDir.toString());
        properties.put("stratus.triggers.retry-backoff", "20ms");
        properties.put("stratus.triggers.reconnect-backoff", "200ms");
        properties.put("stratus.triggers.reconnect-backoff-max", "1s");
        properties.put("stratus.triggers.connect-timeout", "2s");
        properties.put("stratus.triggers.drain-timeout", "5s");
        properties.put("stratus.triggers.sqs-wait", "1s");
        properties.putAll(overrides);
    }

    /** A setting for the next {@link #start()}, e.g. the gateway's URL once it runs. */
    public synchronized void set(String property, Object value) {
        properties.put(property, value);
    }

    public static String bootstrapServers() {
        return Infrastructure.shared().kafka().bootstrapServers();
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** The token the gateway expects from the platform's own services. */
    public String invokerToken() {
        return cipher.invokerToken();
    }

    /** As api-service stores an SQS secret key. */
    public String encrypt(String secret) {
        return cipher.encrypt(secret);
    }

    public synchronized ApplicationContext start() {
        if (service != null) {
            throw new IllegalStateException("trigger-service already runs");
        }
        service = ApplicationContext.run(Map.copyOf(properties));
        return service;
    }

    /** A clean stop, as on a redeploy: consumers drain, then the context closes. */
    public synchronized void stop() {
        if (service != null) {
            service.close();
            service = null;
        }
    }

    public synchronized ApplicationContext service() {
        return service;
    }

    public void function(String functionId, String domain, int maxScale, long timeoutSeconds) {
        send(Topics.FUNCTION_DESIRED, functionId, json(new FunctionDesired(newId(), functionId, newId(), newId(),
                "fn", domain, "node22", "handler.handle", 1, 0, maxScale, 256, 140, timeoutSeconds, "public",
                "enabled", "v1", Map.of(), Map.of(), null, Instant.now())));
    }

    public void trigger(String triggerId, String functionId, String inputType, Map<String, String> config) {
        send(Topics.TRIGGER_DESIRED, triggerId, json(new TriggerDesired(newId(), triggerId, functionId,
                "trigger-" + triggerId.substring(0, 8), inputType, json(config), Instant.now())));
    }

    public void deleteTrigger(String triggerId) {
        send(Topics.TRIGGER_DESIRED, triggerId, null);
    }

    public void deleteFunction(String functionId) {
        send(Topics.FUNCTION_DESIRED, functionId, null);
    }

    private void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not write " + topic, e.getCause());
        }
    }

    private static String json(Object value) {
        try {
            return ObjectMapper.getDefault().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
        producer.close();
    }
}

package dev.stratus.trigger.sqs;

import dev.stratus.common.event.TriggerStatusChanged;
import dev.stratus.trigger.source.DeadLetterHeaders;
import dev.stratus.trigger.support.DeliveryScenario;
import dev.stratus.testkit.Poll;
import dev.stratus.trigger.support.StatusWatch;
import dev.stratus.trigger.support.TestBroker;
import dev.stratus.trigger.support.TestGateway;
import dev.stratus.trigger.support.TriggerHarness;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against ElasticMQ: the SQS protocol served in-process, reached over HTTP by the real AWS SDK. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqsTriggerTest {
    private SQSRestServer server;
    private String endpoint;
    private SqsClient sqs;

    @BeforeAll
    void startSqs() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        endpoint = "http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort();
        sqs = SqsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"))).build();
    }

    @AfterAll
    void stopSqs() {
        if (sqs != null) {
            sqs.close();
        }
        if (server != null) {
            server.stopAndWait();
        }
    }

    @Test
    void deliversEveryMessageAcrossARestartAndDeadLettersPoisonOnes() throws Exception {
        String queue = "orders-" + TriggerHarness.newId().substring(0, 8);
        String queueUrl = sqs.createQueue(r -> r.queueName(queue)).queueUrl();
        DeliveryScenario.run("sqs", new ElasticMqBroker(queue, queueUrl), 20);
    }

    @Test
    void managedQueuesAreLookedUpByNameOnTheConfiguredEndpoint() throws Exception {
        String queue = "managed-" + TriggerHarness.newId().substring(0, 8);
        String queueUrl = sqs.createQueue(r -> r.queueName(queue)).queueUrl();
        String functionId = TriggerHarness.newId();
        String present = TriggerHarness.newId();
        String missing = TriggerHarness.newId();
        String domain = "fn-" + functionId.substring(0, 8) + ".functions.localhost";
        try (TriggerHarness harness = new TriggerHarness(Map.of("stratus.triggers.sqs-endpoint", endpoint));
             TestGateway gateway = TestGateway.start(domain, harness.invokerToken(), present)) {
            harness.set("stratus.gateway.url", gateway.url());
            harness.start();
            try (StatusWatch statuses = new StatusWatch(TriggerHarness.bootstrapServers())) {
                harness.function(functionId, domain, 1, 5);
                harness.trigger(present, functionId, "scw_sqs", Map.of("queue", queue,
                        "mnq_project_id", TriggerHarness.newId(), "mnq_region", "fr-par"));
                harness.trigger(missing, functionId, "scw_sqs", Map.of("queue", "no-such-queue",
                        "mnq_project_id", TriggerHarness.newId(), "mnq_region", "fr-par"));

                statuses.await(present, TriggerStatusChanged.READY, Duration.ofSeconds(30));
                new ElasticMqBroker(queue, queueUrl).publish(List.of("hello"));
                Poll.until("the message delivered", () -> gateway.successes("hello") > 0, Duration.ofSeconds(30));

                TriggerStatusChanged error = statuses.await(missing, TriggerStatusChanged.ERROR, Duration.ofSeconds(30));
                assertTrue(error.message().contains("no-such-queue does not exist"), error.message());
            } finally {
                harness.deleteTrigger(present);
                harness.deleteTrigger(missing);
                harness.deleteFunction(functionId);
            }
        }
    }

    @Test
    void regionsAreReadFromWellKnownEndpoints() {
        assertEquals("eu-west-3", SqsSource.regionOf("https://sqs.eu-west-3.amazonaws.com", "x"));
        assertEquals("fr-par", SqsSource.regionOf("https://sqs.mnq.fr-par.scaleway.com", "x"));
        assertEquals("us-east-1", SqsSource.regionOf("http://127.0.0.1:9324", "us-east-1"));
    }

    /** A generic {@code sqs} trigger, its secret key encrypted as api-service stores it. */
    private final class ElasticMqBroker implements TestBroker {
        private final String queue;
        private final String queueUrl;
        private final List<DeadLetter> letters = new ArrayList<>();

        ElasticMqBroker(String queue, String queueUrl) {
            this.queue = queue;
            this.queueUrl = queueUrl;
        }

        @Override
        public String inputType() {
            return "sqs";
        }

        @Override
        public Map<String, String> config(TriggerHarness harness) {
            return Map.of("endpoint", endpoint, "queue_url", queueUrl, "access_key", "AK",
                    "secret_key", harness.encrypt("a-secret"));
        }

        @Override
        public void publish(List<String> bodies) {
            MessageAttributeValue type = MessageAttributeValue.builder().dataType("String")
                    .stringValue("text/plain").build();
            for (int from = 0; from < bodies.size(); from += 10) {
                List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
                for (int i = from; i < Math.min(bodies.size(), from + 10); i++) {
                    batch.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(bodies.get(i))
                            .messageAttributes(Map.of("Content-Type", type)).build());
                }
                var result = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(batch));
                assertEquals(List.of(), result.failed(), "sent");
            }
        }

        /** Received and deleted as they come, so kept here. */
        @Override
        public synchronized List<DeadLetter> deadLetters() {
            String dlqUrl;
            try {
                dlqUrl = sqs.getQueueUrl(r -> r.queueName(queue + "-dlq")).queueUrl();
            } catch (QueueDoesNotExistException notYet) {
                return List.copyOf(letters);
            }
            while (true) {
                var received = sqs.receiveMessage(r -> r.queueUrl(dlqUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                        .messageAttributeNames("All")).messages();
                if (received.isEmpty()) {
                    return List.copyOf(letters);
                }
                for (var m : received) {
                    var attributes = m.messageAttributes();
                    letters.add(new DeadLetter(m.body(), attributes.get(DeadLetterHeaders.REASON).stringValue(),
                            attributes.get(DeadLetterHeaders.ATTEMPTS).stringValue(),
                            attributes.get(DeadLetterHeaders.TRIGGER_ID).stringValue()));
                    sqs.deleteMessage(r -> r.queueUrl(dlqUrl).receiptHandle(m.receiptHandle()));
                }
            }
        }
    }
}

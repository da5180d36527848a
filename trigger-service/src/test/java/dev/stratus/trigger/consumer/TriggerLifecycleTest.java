package dev.stratus.trigger.consumer;

import dev.stratus.common.event.TriggerStatusChanged;
import dev.stratus.testkit.Nats;
import dev.stratus.testkit.Poll;
import dev.stratus.trigger.support.StatusWatch;
import dev.stratus.trigger.support.TriggerHarness;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Statuses and the consumers' lifecycle, driven by desired state only. */
class TriggerLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void unreachableBrokersReportAnErrorAndRecoverInTheBackground() throws Exception {
        int natsPort = freePort();
        String functionId = TriggerHarness.newId();
        String nats = TriggerHarness.newId();
        String sqs = TriggerHarness.newId();
        String kafka = TriggerHarness.newId();
        try (TriggerHarness harness = new TriggerHarness(Map.of("stratus.gateway.url", "http://127.0.0.1:1"))) {
            harness.start();
            try (StatusWatch statuses = new StatusWatch(TriggerHarness.bootstrapServers())) {
                harness.function(functionId, "fn.functions.localhost", 5, 5);
                harness.trigger(nats, functionId, "nats",
                        Map.of("server_url", "nats://127.0.0.1:" + natsPort, "subject", "jobs"));
                harness.trigger(sqs, functionId, "sqs", Map.of("endpoint", "http://127.0.0.1:" + freePort(),
                        "queue_url", "http://127.0.0.1:1/000000000000/jobs"));
                harness.trigger(kafka, functionId, "kafka",
                        Map.of("bootstrap_servers", "127.0.0.1:" + freePort(), "topic", "jobs"));

                assertError(statuses.await(nats, TriggerStatusChanged.ERROR, WAIT), "127.0.0.1:" + natsPort);
                assertError(statuses.await(sqs, TriggerStatusChanged.ERROR, WAIT), "SQS");
                assertError(statuses.await(kafka, TriggerStatusChanged.ERROR, WAIT), "did not answer");

                try (Nats server = Nats.start(natsPort)) {
                    statuses.await(nats, TriggerStatusChanged.READY, WAIT);
                    harness.deleteTrigger(nats); // before the server goes, or it reports the outage
                    Poll.until("the consumer stopped", () -> !running(harness).containsKey(nats), WAIT);
                }
            } finally {
                harness.deleteTrigger(sqs);
                harness.deleteTrigger(kafka);
                harness.deleteFunction(functionId);
            }
        }
    }

    @Test
    void managedNatsUsesTheConfiguredServerAndFollowsItsFunction() throws Exception {
        String functionId = TriggerHarness.newId();
        String trigger = TriggerHarness.newId();
        try (Nats server = Nats.start();
             Connection nats = io.nats.client.Nats.connect(server.url());
             TriggerHarness harness = new TriggerHarness(Map.of("stratus.gateway.url", "http://127.0.0.1:1",
                     "stratus.triggers.nats-url", server.url()))) {
            harness.start();
            try (StatusWatch statuses = new StatusWatch(TriggerHarness.bootstrapServers())) {
                harness.trigger(trigger, functionId, "scw_nats", Map.of("subject", "managed.jobs",
                        "mnq_nats_account_id", "A".repeat(56), "mnq_region", "fr-par"));
                harness.function(functionId, "fn.functions.localhost", 3, 5);
                statuses.await(trigger, TriggerStatusChanged.READY, WAIT);
                assertEquals(3, running(harness).get(trigger).target().maxInFlight(), "max_scale 3 × 1 per instance");
                String stream = nats.jetStreamManagement().getStreamNames("managed.jobs").get(0);
                assertEquals(List.of("stratus-trigger-" + trigger),
                        nats.jetStreamManagement().getConsumerNames(stream), "the trigger's durable consumer");

                harness.function(functionId, "fn.functions.localhost", 50, 5);
                Poll.until("the consumer replaced with the default bound",
                        () -> running(harness).get(trigger).target().maxInFlight() == 10, WAIT);
                statuses.awaitNth(trigger, TriggerStatusChanged.READY, 2, WAIT); // its durable consumer updated

                harness.deleteFunction(functionId);
                Poll.until("the consumer stopped with its function", () -> !running(harness).containsKey(trigger),
                        WAIT);
                harness.function(functionId, "fn.functions.localhost", 50, 5);
                statuses.awaitNth(trigger, TriggerStatusChanged.READY, 3, WAIT);

                harness.deleteTrigger(trigger);
                Poll.until("the durable consumer deleted with the trigger",
                        () -> consumerNames(nats, stream).isEmpty(), WAIT);
            } finally {
                harness.deleteTrigger(trigger);
                harness.deleteFunction(functionId);
            }
        }
    }

    private static List<String> consumerNames(Connection nats, String stream) {
        try {
            return nats.jetStreamManagement().getConsumerNames(stream);
        } catch (IOException | JetStreamApiException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, TriggerPlan> running(TriggerHarness harness) {
        return harness.service().getBean(TriggerSupervisor.class).running();
    }

    private static void assertError(TriggerStatusChanged status, String mentions) {
        assertTrue(status.message() != null && status.message().contains(mentions),
                "the error says what failed: " + status.message());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

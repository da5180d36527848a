package dev.stratus.trigger.nats;

import dev.stratus.common.event.TriggerStatusChanged;
import dev.stratus.testkit.Nats;
import dev.stratus.trigger.source.DeadLetterHeaders;
import dev.stratus.trigger.support.DeliveryScenario;
import dev.stratus.testkit.Poll;
import dev.stratus.trigger.support.StatusWatch;
import dev.stratus.trigger.support.TestGateway;
import dev.stratus.trigger.support.TestBroker;
import dev.stratus.trigger.support.TriggerHarness;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NatsTriggerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private Nats nats;
    private Connection connection;

    @BeforeAll
    void startNats() throws Exception {
        nats = Nats.start();
        connection = io.nats.client.Nats.connect(nats.url());
    }

    @AfterAll
    void stopNats() throws InterruptedException {
        if (connection != null) {
            connection.close();
        }
        if (nats != null) {
            nats.close();
        }
    }

    @Test
    void deliversEveryMessageAcrossARestartAndDeadLettersPoisonOnes() throws Exception {
        String subject = "orders." + TriggerHarness.newId().substring(0, 8);
        DeliveryScenario.run("nats", new JetStreamBroker(connection, subject), 20);
    }

    @Test
    void reportsAnOutageAndLosesNothingThroughIt() throws Exception {
        String functionId = TriggerHarness.newId();
        String triggerId = TriggerHarness.newId();
        String domain = "fn-" + functionId.substring(0, 8) + ".functions.localhost";
        String subject = "outage." + triggerId.substring(0, 8);
        List<String> bodies = IntStream.range(0, 500).mapToObj(n -> "slow:" + n).toList();
        try (Nats server = Nats.start();
             TriggerHarness harness = new TriggerHarness(Map.of());
             TestGateway gateway = TestGateway.start(domain, harness.invokerToken(), triggerId)) {
            harness.set("stratus.gateway.url", gateway.url());
            harness.start();
            try (StatusWatch statuses = new StatusWatch(TriggerHarness.bootstrapServers())) {
                // a short timeout: messages lost in transit when the server stops come back after one attempt's time
                harness.function(functionId, domain, 20, 1);
                harness.trigger(triggerId, functionId, "nats", Map.of("server_url", server.url(), "subject", subject));
                statuses.await(triggerId, TriggerStatusChanged.READY, WAIT);
                try (Connection publisher = io.nats.client.Nats.connect(server.url())) {
                    new JetStreamBroker(publisher, subject).publish(bodies);
                }
                Poll.until("some deliveries", () -> gateway.totalSuccesses() >= 100, WAIT);

                long beforeOutage = gateway.totalSuccesses();
                server.stop(); // graceful: acks of running deliveries wait in the client until it reconnects
                TriggerStatusChanged outage = statuses.await(triggerId, TriggerStatusChanged.ERROR, WAIT);
                assertTrue(outage.message().contains("lost the connection to NATS"), outage.message());
                server.restart();
                statuses.awaitNth(triggerId, TriggerStatusChanged.READY, 2, WAIT);

                Poll.until("every message delivered", () -> bodies.stream().allMatch(b -> gateway.successes(b) > 0),
                        WAIT);
                long duplicates = bodies.stream().mapToInt(gateway::successes).sum() - bodies.size();
                System.out.printf("[nats outage] %d messages, outage after %d deliveries: none lost, %d duplicates%n",
                        bodies.size(), beforeOutage, duplicates);
            } finally {
                harness.deleteTrigger(triggerId);
                harness.deleteFunction(functionId);
            }
        }
    }

    @Test
    void streamNamesAreValidAndKeepSubjectsApart() {
        String dotted = NatsSource.streamName("a.b");
        assertEquals(true, dotted.matches("[A-Za-z0-9_-]+"), dotted);
        assertEquals(false, dotted.equals(NatsSource.streamName("a_b")));
        assertEquals(true, NatsSource.streamName("orders.>").matches("[A-Za-z0-9_-]+"));
    }

    /** The subject's stream and the dead-letter stream are created by trigger-service itself. */
    private final class JetStreamBroker implements TestBroker {
        private final Connection connection;
        private final String subject;

        JetStreamBroker(Connection connection, String subject) {
            this.connection = connection;
            this.subject = subject;
        }

        @Override
        public String inputType() {
            return "nats";
        }

        @Override
        public Map<String, String> config(TriggerHarness harness) {
            return Map.of("server_url", connection.getConnectedUrl(), "subject", subject);
        }

        @Override
        public void publish(List<String> bodies) throws Exception {
            JetStream js = connection.jetStream();
            List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
            for (String body : bodies) {
                Headers headers = new Headers().put("Content-Type", "text/plain");
                acks.add(js.publishAsync(subject, headers, body.getBytes(StandardCharsets.UTF_8)));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        }

        @Override
        public List<DeadLetter> deadLetters() throws Exception {
            JetStreamManagement jsm = connection.jetStreamManagement();
            List<String> streams = jsm.getStreamNames(subject + ".dlq");
            List<DeadLetter> letters = new ArrayList<>();
            if (streams.isEmpty()) {
                return letters;
            }
            long last = jsm.getStreamInfo(streams.get(0)).getStreamState().getLastSequence();
            for (long seq = 1; seq <= last; seq++) {
                try {
                    MessageInfo m = jsm.getMessage(streams.get(0), seq);
                    Headers h = m.getHeaders();
                    letters.add(new DeadLetter(new String(m.getData(), StandardCharsets.UTF_8),
                            h.getFirst(DeadLetterHeaders.REASON), h.getFirst(DeadLetterHeaders.ATTEMPTS),
                            h.getFirst(DeadLetterHeaders.TRIGGER_ID)));
                } catch (JetStreamApiException deleted) {
                    // a gap in the sequence
                }
            }
            return letters;
        }
    }
}

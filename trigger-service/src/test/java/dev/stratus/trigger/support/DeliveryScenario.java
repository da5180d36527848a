package dev.stratus.trigger.support;

import dev.stratus.common.event.TriggerStatusChanged;
import dev.stratus.testkit.Poll;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The delivery guarantee, for any broker: 1,000 messages, about one in ten failing once and one in a hundred
 * always, with trigger-service restarted once in the middle. Every message must reach the function at least once
 * or, for the poison ones, the dead-letter destination with its reason; in-flight deliveries never exceed the
 * bound. Duplicates are allowed (at-least-once) and printed. A second batch answered at once measures throughput.
 */
public final class DeliveryScenario {
    public static final int MESSAGES = 1000;
    private static final int RESTART_AFTER = 400;
    private static final long FUNCTION_TIMEOUT_SECONDS = 5;
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private DeliveryScenario() {
    }

    /** Runs it with a function of this max_scale: at most min(10, maxScale) deliveries at once. */
    public static void run(String name, TestBroker broker, int maxScale) throws Exception {
        String functionId = TriggerHarness.newId();
        String triggerId = TriggerHarness.newId();
        String domain = "fn-" + functionId.substring(0, 8) + ".functions.localhost";
        int bound = Math.min(10, maxScale);
        // no drain on stop: retries waiting at the restart give their message back, the harder path
        try (TriggerHarness harness = new TriggerHarness(Map.of("stratus.triggers.drain-timeout", "0s"));
             TestGateway gateway = TestGateway.start(domain, harness.invokerToken(), triggerId)) {
            harness.set("stratus.gateway.url", gateway.url());
            harness.start();
            try (StatusWatch statuses = new StatusWatch(TriggerHarness.bootstrapServers())) {
                harness.function(functionId, domain, maxScale, FUNCTION_TIMEOUT_SECONDS);
                harness.trigger(triggerId, functionId, broker.inputType(), broker.config(harness));
                statuses.await(triggerId, TriggerStatusChanged.READY, Duration.ofSeconds(60));

                long started = System.nanoTime();
                broker.publish(IntStream.range(0, MESSAGES).mapToObj(n -> "m:" + n).toList());
                Poll.until(RESTART_AFTER + " deliveries", () -> gateway.totalSuccesses() >= RESTART_AFTER, DEADLINE);
                long beforeRestart = gateway.totalSuccesses();
                harness.stop();
                harness.start();
                Poll.until("every message delivered or dead-lettered", () -> allHandled(gateway, broker),
                        () -> progress(gateway, broker), DEADLINE);
                double seconds = (System.nanoTime() - started) / 1e9;

                int duplicates = check(gateway, broker, triggerId, bound);
                double rate = measureRate(gateway, broker);
                System.out.printf("[%s] %d messages (%d poison, %d flaky) in %.1f s, restarted after %d deliveries: "
                                + "none lost, %d duplicates, max in flight %d (bound %d); no-op delivery rate %.0f msg/s%n",
                        name, MESSAGES, count(TestGateway::isPoison), count(TestGateway::isFlaky), seconds,
                        beforeRestart, duplicates, gateway.maxInFlight(), bound, rate);
            } finally {
                harness.deleteTrigger(triggerId);
                harness.deleteFunction(functionId);
            }
        }
    }

    private static boolean allHandled(TestGateway gateway, TestBroker broker) {
        boolean delivered = IntStream.range(0, MESSAGES).filter(n -> !TestGateway.isPoison(n))
                .allMatch(n -> gateway.successes("m:" + n) > 0);
        return delivered && deadLetterBodies(broker).containsAll(poisonBodies());
    }

    private static String progress(TestGateway gateway, TestBroker broker) {
        List<Integer> missing = IntStream.range(0, MESSAGES)
                .filter(n -> !TestGateway.isPoison(n) && gateway.successes("m:" + n) == 0).boxed().toList();
        return "not delivered: " + missing.subList(0, Math.min(20, missing.size())) + " (" + missing.size()
                + "); dead letters: " + deadLetterBodies(broker);
    }

    /** Asserts what the run must have kept to; returns the number of duplicate deliveries. */
    private static int check(TestGateway gateway, TestBroker broker, String triggerId, int bound) throws Exception {
        assertEquals(Set.of(), gateway.wrongHeaders(), "Host, invoker token, trigger id and content type");
        assertTrue(gateway.maxInFlight() <= bound, "in flight " + gateway.maxInFlight() + " > " + bound);
        List<TestBroker.DeadLetter> letters = broker.deadLetters();
        assertEquals(poisonBodies(), letters.stream().map(TestBroker.DeadLetter::body).collect(Collectors.toSet()),
                "exactly the poison messages are dead-lettered");
        for (TestBroker.DeadLetter letter : letters) {
            assertTrue(letter.reason().startsWith("HTTP 500: failed on purpose"), letter.toString());
            assertEquals("4", letter.attempts(), "the first call and three retries: " + letter);
            assertEquals(triggerId, letter.triggerId());
        }
        int duplicates = 0;
        for (int n = 0; n < MESSAGES; n++) {
            String body = "m:" + n;
            if (TestGateway.isPoison(n)) {
                assertEquals(0, gateway.successes(body), body);
                assertTrue(gateway.calls(body) >= 4, body + " was retried three times");
            } else {
                duplicates += gateway.successes(body) - 1;
                if (TestGateway.isFlaky(n)) {
                    assertTrue(gateway.calls(body) >= 2, body + " was retried after its failure");
                }
            }
        }
        return duplicates;
    }

    private static double measureRate(TestGateway gateway, TestBroker broker) throws Exception {
        broker.publish(IntStream.range(0, MESSAGES).mapToObj(n -> "fast:" + n).toList());
        Poll.until("the throughput batch", () -> IntStream.range(0, MESSAGES)
                .allMatch(n -> gateway.successes("fast:" + n) > 0), DEADLINE);
        return gateway.fastRate(MESSAGES);
    }

    private static Set<String> deadLetterBodies(TestBroker broker) {
        try {
            return broker.deadLetters().stream().map(TestBroker.DeadLetter::body).collect(Collectors.toSet());
        } catch (Exception e) {
            throw new AssertionError("could not read the dead letters", e);
        }
    }

    private static Set<String> poisonBodies() {
        return IntStream.range(0, MESSAGES).filter(TestGateway::isPoison).mapToObj(n -> "m:" + n)
                .collect(Collectors.toSet());
    }

    private static long count(IntPredicate kind) {
        return IntStream.range(0, MESSAGES).filter(kind).count();
    }
}

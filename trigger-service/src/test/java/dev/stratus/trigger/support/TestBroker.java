package dev.stratus.trigger.support;

import java.util.List;
import java.util.Map;

/** A real broker as a delivery test drives it: where the trigger reads, how to publish, what was dead-lettered. */
public interface TestBroker {

    /** A dead letter as found in the broker: the original body and the headers/attributes giving the reason. */
    record DeadLetter(String body, String reason, String attempts, String triggerId) {
    }

    String inputType();

    /** The trigger's input config as api-service would store it. */
    Map<String, String> config(TriggerHarness harness);

    /** Publishes each body as a message with content type text/plain; returns once the broker has them all. */
    void publish(List<String> bodies) throws Exception;

    /** Every dead letter so far (read cumulatively: a broker may hand each out once only). */
    List<DeadLetter> deadLetters() throws Exception;
}

package dev.stratus.trigger.source;

import java.util.function.Consumer;

/**
 * A trigger's input as the consumer sees it, whatever the broker. A message handed out is settled exactly once:
 * acknowledged after a delivery, dead-lettered after the last retry, or released when the consumer stops first.
 * Settling may happen on any thread; {@link #poll} is only called from one.
 */
public interface MessageSource extends AutoCloseable {

    /** Connects, and creates what it reads from and dead-letters to where that is absent; throws with the reason. */
    void open() throws Exception;

    /**
     * Hands at most {@code max} messages to {@code sink}, each as soon as it arrives, waiting a short while when
     * there are none. {@code max} may be 0: the source then only keeps its session alive.
     */
    void poll(int max, Consumer<Message> sink) throws Exception;

    /**
     * Why the source cannot read right now although it is open and recovering by itself (say, a client
     * reconnecting), or null when it reads. Sources that cannot tell throw from {@link #poll} instead.
     */
    default String problem() {
        return null;
    }

    /** A retry of the message is about to start: the broker must not hand it out again meanwhile. */
    default void stillWorking(Message message) {
    }

    /** The function took the message (a 2xx): the broker must not redeliver it. */
    void ack(Message message) throws Exception;

    /** Moves the message to the dead-letter destination with the reason, then acknowledges it. */
    void deadLetter(Message message, String reason, int attempts) throws Exception;

    /** Gives the message back for redelivery as soon as possible; best effort, as the broker redelivers anyway. */
    void release(Message message);

    /**
     * The trigger was deleted: drops what the broker keeps for this trigger alone (a NATS durable consumer), so
     * that the broker stops retaining messages for it. Called while open, before {@link #close()}.
     */
    default void forget() throws Exception {
    }

    /** What this source reads, for status messages. */
    String describe();

    @Override
    void close();
}

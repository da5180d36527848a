package dev.stratus.trigger.delivery;

/** How the delivery of one message ended. */
public sealed interface Outcome {

    /** The function answered 2xx: acknowledge. */
    record Delivered(int attempts) implements Outcome {
    }

    /** Every attempt failed: dead-letter with the last reason. */
    record Failed(String reason, int attempts) implements Outcome {
    }

    /** The consumer gave up between two attempts (it is stopping): hand the message back to the broker. */
    record Abandoned(int attempts) implements Outcome {
    }
}

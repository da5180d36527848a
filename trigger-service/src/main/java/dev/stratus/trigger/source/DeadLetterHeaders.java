package dev.stratus.trigger.source;

/** Headers (message attributes for SQS) that dead letters carry besides the original body. */
public final class DeadLetterHeaders {
    /** Why the message was given up: the last status or error of its delivery. */
    public static final String REASON = "stratus-dlq-reason";
    public static final String ATTEMPTS = "stratus-dlq-attempts";
    public static final String TRIGGER_ID = "stratus-trigger-id";
    /** The broker's id of the original message. */
    public static final String MESSAGE_ID = "stratus-message-id";
    /** A reason beyond this is cut: it goes into a header. */
    public static final int MAX_REASON = 1000;

    private DeadLetterHeaders() {
    }

    public static String reason(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
    }
}

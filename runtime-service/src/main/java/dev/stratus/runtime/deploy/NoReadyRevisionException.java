package dev.stratus.runtime.deploy;

/**
 * No revision of the function serves on this runtime; {@code status} says why (not deployed, building, starting,
 * or the error its last deploy ended in), so a caller is told at once instead of waiting out its timeout.
 */
public class NoReadyRevisionException extends RuntimeException {
    private final String status;

    NoReadyRevisionException(String status) {
        super("no ready revision (status: " + status + ")");
        this.status = status;
    }

    public String status() {
        return status;
    }
}

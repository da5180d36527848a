package dev.stratus.runtime.instance;

/**
 * An instance that could not start. {@code handlerError} is true when the user's code is at fault (the handler
 * does not load): the message is then shown to the user as the function's error.
 */
public class InstanceStartException extends RuntimeException {
    private final boolean handlerError;

    public InstanceStartException(String message, boolean handlerError) {
        super(message);
        this.handlerError = handlerError;
    }

    public boolean handlerError() {
        return handlerError;
    }
}

package dev.stratus.builder.runtime;

/** The function's runtime cannot be provided; the message is for the user (it becomes the build's error). */
public class RuntimeUnavailableException extends Exception {
    public RuntimeUnavailableException(String message) {
        super(message);
    }

    public RuntimeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

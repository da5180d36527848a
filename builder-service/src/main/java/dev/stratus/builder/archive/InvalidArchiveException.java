package dev.stratus.builder.archive;

/** The uploaded code cannot be built; the message is shown to the user as the function's error_message. */
public class InvalidArchiveException extends Exception {
    public InvalidArchiveException(String message) {
        super(message);
    }
}

package dev.stratus.runtime.instance;

/** Where the lines an instance writes go, beside the few the instance keeps for its exit reason. */
public interface InstanceOutput {
    /** Drops every line. */
    InstanceOutput NONE = (functionId, instanceId, stderr, line) -> { };

    /** One line, without its line break, that an instance of {@code functionId} wrote; must not block. */
    void line(String functionId, String instanceId, boolean stderr, String line);
}

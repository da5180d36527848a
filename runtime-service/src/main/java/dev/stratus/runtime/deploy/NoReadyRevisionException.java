package dev.stratus.runtime.deploy;

/** The function exists but no code was ever deployed to it. */
public class NotDeployedException extends RuntimeException {
    public NotDeployedException() {
        super("the function has no deployed code yet: upload it and deploy");
    }
}

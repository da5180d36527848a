package dev.stratus.runtime.instance;

/** Where instances run: sandboxed local processes by default, Kubernetes pods in a cluster. */
public interface InstanceBackend {

    /** Starts an instance; returns at once, {@link Instance#ready()} tells when it serves. */
    Instance start(InstanceSpec spec);
}

package dev.stratus.runtime.pool;

import dev.stratus.runtime.instance.HttpConnection;

import java.io.IOException;

/** One request's use of an instance slot; give it back with {@link InstancePool#release}. */
public final class Lease {
    final PooledInstance instance;
    private final boolean cold;
    private HttpConnection connection;

    Lease(PooledInstance instance, boolean cold) {
        this.instance = instance;
        this.cold = cold;
    }

    /** Whether this request is the first its instance serves (it waited for a cold start). */
    public boolean cold() {
        return cold;
    }

    public String instanceId() {
        return instance.instance.id();
    }

    /** A connection to the instance, reused across requests when the instance keeps it open. */
    public HttpConnection connection() throws IOException {
        if (connection == null) {
            connection = instance.takeConnection();
        }
        return connection;
    }

    /**
     * Why the instance ended, if it did: the connection breaks a moment before the process exit is seen, so wait
     * for that briefly.
     */
    public java.util.Optional<String> exitReason() {
        try {
            return java.util.Optional.of(instance.instance.exited().get(1, java.util.concurrent.TimeUnit.SECONDS));
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }

    HttpConnection returnedConnection() {
        return connection;
    }
}

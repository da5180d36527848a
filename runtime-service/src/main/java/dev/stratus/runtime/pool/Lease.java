package dev.stratus.runtime.pool;

import dev.stratus.common.http.HttpConnection;

import java.io.IOException;

/** One request's use of an instance slot; give it back with {@link #release()} or {@link #discard()}. */
public final class Lease {
    final PooledInstance instance;
    private final InstancePool pool;
    private final boolean cold;
    private HttpConnection connection;

    Lease(InstancePool pool, PooledInstance instance, boolean cold) {
        this.pool = pool;
        this.instance = instance;
        this.cold = cold;
    }

    /** The request is done; the slot serves the next one. */
    public void release() {
        pool.release(this);
    }

    /** The instance failed mid-request (timeout, crash): it is stopped and not used again. */
    public void discard() {
        pool.discard(this);
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

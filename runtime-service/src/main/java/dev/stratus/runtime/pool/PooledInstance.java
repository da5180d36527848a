package dev.stratus.runtime.pool;

import dev.stratus.runtime.instance.Instance;
import dev.stratus.common.http.HttpConnection;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedDeque;

/** An instance as the pool sees it: whether it serves yet, how busy it is, since when it is idle. */
final class PooledInstance {
    final Instance instance;
    boolean ready;
    int inFlight;
    long served;
    long idleSince = System.nanoTime();
    /* The wrappers close a keep-alive connection after 5 s idle; reusing one near that edge could lose a request. */
    private static final long REUSE_WITHIN_NANOS = 3_000_000_000L;
    private final ConcurrentLinkedDeque<IdleConnection> connections = new ConcurrentLinkedDeque<>();

    private record IdleConnection(HttpConnection connection, long since) {
    }

    PooledInstance(Instance instance) {
        this.instance = instance;
    }

    HttpConnection takeConnection() throws IOException {
        for (IdleConnection idle = connections.pollFirst(); idle != null; idle = connections.pollFirst()) {
            if (System.nanoTime() - idle.since < REUSE_WITHIN_NANOS && idle.connection.reusable()) {
                return idle.connection;
            }
            idle.connection.close();
        }
        return HttpConnection.open(instance.socket());
    }

    void giveBack(HttpConnection connection) {
        if (connection != null && connection.reusable()) {
            connections.addFirst(new IdleConnection(connection, System.nanoTime()));
        } else if (connection != null) {
            connection.close();
        }
    }

    void stop() {
        connections.forEach(idle -> idle.connection.close());
        connections.clear();
        instance.stop();
    }
}

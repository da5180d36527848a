package dev.stratus.testkit;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * What Scaleway runs as managed services for {@code scw_nats_config} and {@code scw_sqs_config} triggers: a NATS
 * server with JetStream and an SQS-compatible server, both keeping their messages under the data dir. Either is
 * left out when the user points trigger-service at a server of their own ({@code STRATUS_TRIGGER_NATS_URL},
 * {@code STRATUS_TRIGGER_SQS_ENDPOINT}).
 */
final class ManagedQueues implements AutoCloseable {
    static final String NATS_URL = "STRATUS_TRIGGER_NATS_URL";
    static final String SQS_ENDPOINT = "STRATUS_TRIGGER_SQS_ENDPOINT";

    private volatile Nats nats;
    private volatile Sqs sqs;

    /** Starts both at once (NATS is its own process, ElasticMQ takes a second or two to warm up here). */
    static ManagedQueues start(Path dataDir, int natsPort, boolean withNats, int sqsPort, boolean withSqs) {
        ManagedQueues queues = new ManagedQueues();
        CompletableFuture<Nats> nats = withNats
                ? Concurrently.inThread("start-nats", () -> Nats.startIn(dataDir.resolve("nats"), natsPort))
                : CompletableFuture.completedFuture(null);
        CompletableFuture<Sqs> sqs = withSqs
                ? Concurrently.inThread("start-sqs", () -> Sqs.start(dataDir.resolve("sqs"), sqsPort))
                : CompletableFuture.completedFuture(null);
        try {
            Concurrently.joinAll(List.of(nats, sqs));
        } catch (RuntimeException e) {
            queues.keep(nats, sqs).close(); // the one that did start
            throw e;
        }
        return queues.keep(nats, sqs);
    }

    private ManagedQueues keep(CompletableFuture<Nats> startedNats, CompletableFuture<Sqs> startedSqs) {
        nats = startedNats.state() == Future.State.SUCCESS ? startedNats.resultNow() : null;
        sqs = startedSqs.state() == Future.State.SUCCESS ? startedSqs.resultNow() : null;
        return this;
    }

    /** What trigger-service is told: only the servers started here. */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        natsUrl().ifPresent(url -> env.put(NATS_URL, url));
        sqsEndpoint().ifPresent(endpoint -> env.put(SQS_ENDPOINT, endpoint));
        return env;
    }

    Optional<String> natsUrl() {
        return Optional.ofNullable(nats).map(Nats::url);
    }

    Optional<String> sqsEndpoint() {
        return Optional.ofNullable(sqs).map(Sqs::endpoint);
    }

    @Override
    public void close() {
        try {
            if (sqs != null) {
                sqs.close();
            }
        } finally {
            if (nats != null) {
                nats.close();
            }
        }
    }
}

package dev.stratus.trigger.nats;

import dev.stratus.trigger.TriggerSettings;
import dev.stratus.trigger.source.DeadLetterHeaders;
import dev.stratus.trigger.source.Message;
import dev.stratus.trigger.source.MessageSource;
import dev.stratus.trigger.source.SourceSpec;
import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.ErrorListener;
import io.nats.client.ConnectionListener;
import io.nats.client.ConsumeOptions;
import io.nats.client.IterableConsumer;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamStatusCheckedException;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * A JetStream subject, read through a durable pull consumer named after the trigger with explicit acks, from the
 * first message the stream holds. Replicas of trigger-service share the durable, so they split the work, with at
 * most {@code maxInFlight} unacked messages between them; it is deleted with the trigger. The stream holding the
 * subject is created if no stream captures it yet, and so is one for the dead-letter subject ({@code <subject>.dlq},
 * or {@code stratus.dlq.<trigger id>} for a subject with wildcards, or {@code dlq_subject} from the config).
 * <p>
 * {@code nats} triggers name their server ({@code server_url}); {@code scw_nats} triggers name a Scaleway NATS
 * account and region, all of which are served here by the one server of {@code stratus.triggers.nats-url}.
 */
public final class NatsSource implements MessageSource {
    private static final Logger LOG = LoggerFactory.getLogger(NatsSource.class);
    /** How long a poll waits for a first message, so that a stop is noticed. */
    private static final long FETCH_EXPIRES_MS = 1000;
    private static final int PULL_BATCH = 256;
    /** A pull request's life; jnats renews it before it ends, and heartbeats find a lost one sooner. */
    private static final long PULL_EXPIRES_MS = 5000;
    /** How long it waits for each further one: only what is already buffered is taken along. */
    private static final long BUFFERED_WAIT_MS = 1;

    private final SourceSpec spec;
    private final String url;
    private final String subject;
    private final String dlqSubject;
    private final Duration connectTimeout;
    private final Duration reconnectWait;
    /** Notified on every connection event, so that a reader waiting for a reconnect wakes up at once. */
    private final Object connectionEvents = new Object();
    private final String durable;
    private Connection connection;
    private String stream;
    private ConsumerContext consumer;
    private IterableConsumer messages;
    private volatile boolean renewPull;
    private JetStream jetStream;

    private NatsSource(SourceSpec spec, String url, Duration connectTimeout, Duration reconnectWait) {
        this.spec = spec;
        this.url = url;
        this.subject = spec.required("subject");
        this.dlqSubject = spec.optional("dlq_subject",
                subject.contains("*") || subject.contains(">") ? "stratus.dlq." + spec.triggerId() : subject + ".dlq");
        this.connectTimeout = connectTimeout;
        this.reconnectWait = reconnectWait;
        this.durable = "stratus-trigger-" + spec.triggerId();
    }

    public static NatsSource of(SourceSpec spec, TriggerSettings settings) {
        String url = "scw_nats".equals(spec.inputType()) ? settings.getNatsUrl() : spec.required("server_url");
        return new NatsSource(spec, url, settings.getConnectTimeout(), settings.getReconnectBackoff());
    }

    @Override
    public void open() throws IOException, InterruptedException, JetStreamApiException {
        connection = Nats.connect(new Options.Builder().server(url).connectionTimeout(connectTimeout)
                .connectionName("stratus-trigger-" + spec.triggerId())
                // once connected, jnats reconnects forever and buffers acks meanwhile: deliveries running through
                // an outage still settle, and the durable consumer resumes where it was
                .maxReconnects(-1).reconnectWait(reconnectWait).errorListener(new QuietErrors())
                .connectionListener((conn, event) -> {
                    if (event == ConnectionListener.Events.RECONNECTED) {
                        renewPull = true; // a restarted server has forgotten the pull; a new one starts at once
                    }
                    synchronized (connectionEvents) {
                        connectionEvents.notifyAll();
                    }
                }).build());
        JetStreamManagement streams = connection.jetStreamManagement();
        stream = ensureStream(streams, spec.optional("stream", null), subject, RetentionPolicy.Interest);
        ensureStream(streams, null, dlqSubject, RetentionPolicy.Limits);
        streams.addOrUpdateConsumer(stream, ConsumerConfiguration.builder().durable(durable).filterSubject(subject)
                // short: messages lost in transit by an outage come back soon; retries say they are in progress
                .ackPolicy(AckPolicy.Explicit).deliverPolicy(DeliverPolicy.All).ackWait(spec.attemptWindow())
                .maxAckPending(spec.maxInFlight()).build());
        consumer = connection.getStreamContext(stream).getConsumerContext(durable);
        jetStream = connection.jetStream();
    }

    /**
     * The named stream, else any stream capturing the subject, else a new one for it alone. A new source stream
     * keeps a message until every trigger reading it acked it; a dead-letter stream keeps them for people to read.
     */
    private static String ensureStream(JetStreamManagement streams, String named, String subject,
                                       RetentionPolicy retention) throws IOException, JetStreamApiException {
        if (named == null) {
            List<String> existing = streams.getStreamNames(subject);
            if (!existing.isEmpty()) {
                return existing.get(0);
            }
        } else if (streams.getStreamNames().contains(named)) {
            return named;
        }
        String name = named != null ? named : streamName(subject);
        streams.addStream(StreamConfiguration.builder().name(name).subjects(subject).storageType(StorageType.File)
                .retentionPolicy(retention).build());
        return name;
    }

    /** Stream names allow no dots or wildcards; a hash of the subject keeps {@code a.b} and {@code a_b} apart. */
    static String streamName(String subject) {
        CRC32 crc = new CRC32();
        crc.update(subject.getBytes(StandardCharsets.UTF_8));
        String readable = subject.replaceAll("[^A-Za-z0-9_-]", "_");
        return "STRATUS_" + readable.substring(0, Math.min(readable.length(), 60)) + "_"
                + HexFormat.of().toHexDigits((int) crc.getValue());
    }

    @Override
    public String problem() {
        Connection.Status status = connection.getStatus();
        return status == Connection.Status.CONNECTED ? null
                : "lost the connection to NATS at " + url + " (" + status + "); reconnecting";
    }

    @Override
    public void poll(int max, Consumer<Message> sink) throws Exception {
        if (connection.getStatus() == Connection.Status.CLOSED) {
            throw new IOException("the connection to NATS at " + url + " closed");
        }
        if (connection.getStatus() != Connection.Status.CONNECTED) {
            awaitConnectionEvent();
            return;
        }
        if (max == 0) {
            return;
        }
        try {
            if (renewPull && messages != null) {
                renewPull = false;
                stopPull();
            }
            if (messages == null) {
                // one continuous pull for the trigger's life: a fetch per poll costs a subscription round trip
                // per few messages. The durable's max_ack_pending keeps what is out within the bound, so a
                // large batch only spares pull requests
                messages = consumer.iterate(ConsumeOptions.builder().batchSize(PULL_BATCH)
                        .expiresIn(PULL_EXPIRES_MS).build());
            }
            int taken = 0;
            for (io.nats.client.Message m = messages.nextMessage(FETCH_EXPIRES_MS); m != null && taken < max;
                 m = ++taken < max ? messages.nextMessage(BUFFERED_WAIT_MS) : null) {
                Headers headers = m.getHeaders();
                String contentType = headers == null ? null : headers.getFirst("Content-Type");
                sink.accept(new Message(Long.toString(m.metaData().streamSequence()), m.getData(), contentType, m));
            }
        } catch (IOException | JetStreamApiException | JetStreamStatusCheckedException | IllegalStateException e) {
            if (connection.getStatus() == Connection.Status.CONNECTED) {
                throw e;
            }
            // the connection dropped mid-read: problem() reports it, and reading resumes after the reconnect
        }
    }

    private void awaitConnectionEvent() throws InterruptedException {
        synchronized (connectionEvents) {
            if (connection.getStatus() != Connection.Status.CONNECTED) {
                connectionEvents.wait(FETCH_EXPIRES_MS);
            }
        }
    }

    @Override
    public void stillWorking(Message message) {
        ((io.nats.client.Message) message.handle()).inProgress();
    }

    @Override
    public void ack(Message message) {
        ((io.nats.client.Message) message.handle()).ack();
    }

    /** Published through JetStream, so the dead letter is stored before the original is acked. */
    @Override
    public void deadLetter(Message message, String reason, int attempts) throws IOException, JetStreamApiException {
        io.nats.client.Message original = (io.nats.client.Message) message.handle();
        Headers headers = new Headers();
        if (original.getHeaders() != null) {
            // "Nats-Expected-*" would make the publish conditional on the dead-letter stream's state
            original.getHeaders().forEach((key, values) -> {
                if (!key.startsWith("Nats-Expected")) {
                    headers.add(key, values);
                }
            });
        }
        headers.put(DeadLetterHeaders.REASON, DeadLetterHeaders.reason(reason));
        headers.put(DeadLetterHeaders.ATTEMPTS, Integer.toString(attempts));
        headers.put(DeadLetterHeaders.TRIGGER_ID, spec.triggerId());
        headers.put(DeadLetterHeaders.MESSAGE_ID, message.id());
        jetStream.publish(dlqSubject, headers, original.getData());
        original.ack();
    }

    @Override
    public void release(Message message) {
        try {
            ((io.nats.client.Message) message.handle()).nak();
        } catch (RuntimeException e) {
            LOG.debug("Could not give message {} back; it comes back after the ack wait", message.id(), e);
        }
    }

    /** Without its durable consumer, the stream stops keeping messages for the deleted trigger. */
    @Override
    public void forget() throws IOException, JetStreamApiException {
        try {
            connection.jetStreamManagement().deleteConsumer(stream, durable);
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() != 404) {
                throw e; // 404: another replica deleted it first
            }
        }
    }

    @Override
    public String describe() {
        return "NATS " + url + ", subject " + subject;
    }

    /** Connection trouble surfaces in poll and becomes the trigger's status; jnats' own report would repeat it. */
    private final class QuietErrors implements ErrorListener {
        @Override
        public void errorOccurred(Connection conn, String error) {
            LOG.warn("NATS at {} for trigger {}: {}", url, spec.triggerId(), error);
        }

        @Override
        public void exceptionOccurred(Connection conn, Exception exp) {
            LOG.debug("NATS at {} for trigger {}", url, spec.triggerId(), exp);
        }
    }

    /** Stops pulling and gives back what was buffered, so that it is not held up until its ack wait ends. */
    private void stopPull() {
        try {
            messages.stop();
            for (io.nats.client.Message m = messages.nextMessage(BUFFERED_WAIT_MS); m != null;
                 m = messages.nextMessage(BUFFERED_WAIT_MS)) {
                m.nak();
            }
            messages.close();
        } catch (Exception e) {
            LOG.debug("Stopping the pull of trigger {} failed", spec.triggerId(), e);
        }
        messages = null;
    }

    @Override
    public void close() {
        if (messages != null) {
            stopPull();
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package dev.stratus.trigger.sqs;

import dev.stratus.common.secret.SecretCipher;
import dev.stratus.trigger.TriggerSettings;
import dev.stratus.trigger.source.DeadLetterHeaders;
import dev.stratus.trigger.source.Message;
import dev.stratus.trigger.source.MessageSource;
import dev.stratus.trigger.source.SourceSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SQS queue, long-polled ten messages at a time with a visibility timeout that outlasts a message's wait for a
 * delivery slot and its every retry; a message is deleted once the function took it. Dead letters go to {@code <queue>-dlq} (created if absent; FIFO queues get a FIFO
 * one) with the reason in message attributes.
 * <p>
 * {@code sqs} triggers carry their endpoint, queue URL and credentials (the secret key encrypted by the API);
 * {@code scw_sqs} triggers name a queue of a Scaleway messaging project and region: here that queue is looked up
 * by name on the endpoint of {@code stratus.triggers.sqs-endpoint}, with its credentials, and the region is
 * signed into requests as given.
 */
public final class SqsSource implements MessageSource {
    private static final Logger LOG = LoggerFactory.getLogger(SqsSource.class);
    /** SQS's own limits. */
    private static final int MAX_BATCH = 10;
    private static final int MAX_ATTRIBUTES = 10;
    private static final int MAX_VISIBILITY_SECONDS = 12 * 3600;
    private static final Pattern REGION_IN_HOST =
            Pattern.compile("^sqs\\.(?:mnq\\.)?([a-z]{2}-[a-z]+(?:-\\d+)?)\\.(?:amazonaws\\.com|scaleway\\.com)$");

    private final SourceSpec spec;
    private final SqsClient client;
    private final String endpoint;
    private final int waitSeconds;
    /** Received, not yet handed out; only touched by the reading thread. */
    private final Deque<software.amazon.awssdk.services.sqs.model.Message> buffer = new ArrayDeque<>();
    private String queueUrl;
    private String dlqUrl;
    private SqsDeletes deletes;

    private SqsSource(SourceSpec spec, SqsClient client, String endpoint, int waitSeconds) {
        this.spec = spec;
        this.client = client;
        this.endpoint = endpoint;
        this.waitSeconds = waitSeconds;
    }

    public static SqsSource of(SourceSpec spec, TriggerSettings settings, SecretCipher cipher) {
        boolean managed = "scw_sqs".equals(spec.inputType());
        String endpoint = managed ? settings.getSqsEndpoint() : spec.required("endpoint");
        String accessKey = managed ? settings.getSqsAccessKey() : spec.optional("access_key", settings.getSqsAccessKey());
        String secretKey = managed || spec.optional("secret_key", null) == null ? settings.getSqsSecretKey()
                : cipher.decrypt(spec.required("secret_key"));
        String region = managed ? spec.optional("mnq_region", settings.getSqsRegion())
                : regionOf(endpoint, settings.getSqsRegion());
        int waitSeconds = (int) Math.min(20, Math.max(0, settings.getSqsWait().toSeconds()));
        Duration callTimeout = settings.getConnectTimeout().plusSeconds(waitSeconds + 5);
        SqsClient client = SqsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .overrideConfiguration(c -> c.apiCallAttemptTimeout(callTimeout))
                .build();
        return new SqsSource(spec, client, endpoint, waitSeconds);
    }

    /** AWS and Scaleway endpoints name their region; any other endpoint gets the configured one. */
    static String regionOf(String endpoint, String fallback) {
        String host = URI.create(endpoint).getHost();
        Matcher m = REGION_IN_HOST.matcher(host == null ? "" : host);
        return m.matches() ? m.group(1) : fallback;
    }

    @Override
    public void open() {
        if ("scw_sqs".equals(spec.inputType())) {
            String queue = spec.required("queue");
            try {
                queueUrl = client.getQueueUrl(r -> r.queueName(queue)).queueUrl();
            } catch (QueueDoesNotExistException e) {
                throw new IllegalStateException("queue " + queue + " does not exist on " + endpoint, e);
            }
        } else {
            queueUrl = spec.required("queue_url");
            client.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN));
        }
        dlqUrl = ensureDeadLetterQueue();
        deletes = new SqsDeletes(client, queueUrl);
    }

    private String ensureDeadLetterQueue() {
        String name = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        boolean fifo = name.endsWith(".fifo");
        String dlq = fifo ? name.substring(0, name.length() - ".fifo".length()) + "-dlq.fifo" : name + "-dlq";
        try {
            return client.getQueueUrl(r -> r.queueName(dlq)).queueUrl();
        } catch (QueueDoesNotExistException e) {
            Map<QueueAttributeName, String> attributes = fifo ? Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                    QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true") : Map.of();
            return client.createQueue(r -> r.queueName(dlq).attributes(attributes)).queueUrl();
        }
    }

    @Override
    public void poll(int max, Consumer<Message> sink) {
        deletes.flush();
        if (max == 0) {
            return;
        }
        if (buffer.isEmpty()) {
            // twice the worst case: a message may wait for a slot as long as one delivery takes
            int visibility = (int) Math.min(MAX_VISIBILITY_SECONDS, spec.ackWindow().toSeconds() * 2 + 1);
            buffer.addAll(client.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(MAX_BATCH)
                    .waitTimeSeconds(waitSeconds).visibilityTimeout(visibility).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages());
        }
        for (int i = 0; i < max && !buffer.isEmpty(); i++) {
            var m = buffer.poll();
            sink.accept(new Message(m.messageId(), m.body().getBytes(StandardCharsets.UTF_8), contentType(m), m));
        }
    }

    private static String contentType(software.amazon.awssdk.services.sqs.model.Message m) {
        return m.messageAttributes().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("content-type"))
                .map(e -> e.getValue().stringValue()).findFirst().orElse(null);
    }

    @Override
    public void ack(Message message) {
        deletes.add(original(message).receiptHandle());
    }

    @Override
    public void deadLetter(Message message, String reason, int attempts) {
        var original = original(message);
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put(DeadLetterHeaders.REASON, text(DeadLetterHeaders.reason(reason)));
        attributes.put(DeadLetterHeaders.ATTEMPTS, MessageAttributeValue.builder().dataType("Number")
                .stringValue(Integer.toString(attempts)).build());
        attributes.put(DeadLetterHeaders.TRIGGER_ID, text(spec.triggerId()));
        attributes.put(DeadLetterHeaders.MESSAGE_ID, text(message.id()));
        original.messageAttributes().forEach((key, value) -> {
            if (attributes.size() < MAX_ATTRIBUTES) {
                attributes.putIfAbsent(key, value);
            }
        });
        SendMessageRequest.Builder send = SendMessageRequest.builder().queueUrl(dlqUrl).messageBody(original.body())
                .messageAttributes(attributes);
        if (dlqUrl.endsWith(".fifo")) {
            send.messageGroupId(original.attributes().getOrDefault(MessageSystemAttributeName.MESSAGE_GROUP_ID,
                    "stratus-dlq")).messageDeduplicationId(message.id());
        }
        client.sendMessage(send.build());
        ack(message);
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    @Override
    public void release(Message message) {
        release(original(message));
    }

    private void release(software.amazon.awssdk.services.sqs.model.Message message) {
        try {
            client.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                    .visibilityTimeout(0));
        } catch (RuntimeException e) {
            LOG.debug("Could not give message {} back; it comes back when its visibility times out",
                    message.messageId(), e);
        }
    }

    private static software.amazon.awssdk.services.sqs.model.Message original(Message message) {
        return (software.amazon.awssdk.services.sqs.model.Message) message.handle();
    }

    @Override
    public String describe() {
        return "SQS " + (queueUrl != null ? queueUrl : endpoint);
    }

    @Override
    public void close() {
        try {
            if (deletes != null) {
                deletes.flush();
            }
            buffer.forEach(this::release);
            buffer.clear();
        } finally {
            client.close();
        }
    }
}

package dev.stratus.trigger.sqs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * Deletes acknowledged messages ten at a time (SQS's batch limit), which halves the calls per message. A batch
 * goes out when full or when the reading thread flushes before its next receive; a delete that never happens
 * only means the message comes back after its visibility timeout: a duplicate, not a loss.
 */
final class SqsDeletes {
    private static final Logger LOG = LoggerFactory.getLogger(SqsDeletes.class);
    private static final int BATCH = 10;

    private final SqsClient client;
    private final String queueUrl;
    private final List<String> pending = new ArrayList<>();

    SqsDeletes(SqsClient client, String queueUrl) {
        this.client = client;
        this.queueUrl = queueUrl;
    }

    void add(String receiptHandle) {
        List<String> full = null;
        synchronized (this) {
            pending.add(receiptHandle);
            if (pending.size() >= BATCH) {
                full = take();
            }
        }
        if (full != null) {
            send(full);
        }
    }

    void flush() {
        List<String> batch;
        synchronized (this) {
            batch = take();
        }
        if (!batch.isEmpty()) {
            send(batch);
        }
    }

    private List<String> take() {
        List<String> batch = new ArrayList<>(pending);
        pending.clear();
        return batch;
    }

    private void send(List<String> handles) {
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < handles.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .receiptHandle(handles.get(i)).build());
        }
        try {
            var result = client.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            result.failed().forEach(f -> LOG.warn("Could not delete a message from {}: {}; it will come again",
                    queueUrl, f.message()));
        } catch (RuntimeException e) {
            LOG.warn("Could not delete {} messages from {}: {}; they will come again", handles.size(), queueUrl,
                    e.toString());
        }
    }
}

package dev.stratus.trigger.kafka;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which offsets may be committed: per partition, everything below the oldest record still pending (read but not
 * yet acked or dead-lettered). Deliveries finish out of order; committing only the contiguous prefix means a
 * restart redelivers whatever was not finished, never skips it.
 */
final class KafkaOffsets {
    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();

    /** One assignment of a partition; a revoked one is dropped, and late acks for it change nothing. */
    static final class Partition {
        private final TreeSet<Long> pending = new TreeSet<>();
        private long next = -1;
        private long committed = -1;

        synchronized void received(long offset) {
            pending.add(offset);
            next = Math.max(next, offset + 1);
        }

        synchronized void done(long offset) {
            pending.remove(offset);
        }

        /** The offset a restart should resume from; -1 before anything was read. */
        synchronized long position() {
            return pending.isEmpty() ? next : pending.first();
        }
    }

    Partition received(TopicPartition partition, long offset) {
        Partition state = partitions.computeIfAbsent(partition, p -> new Partition());
        state.received(offset);
        return state;
    }

    /** Positions that moved since the last call (or all known ones), for the given partitions or all if null. */
    Map<TopicPartition, OffsetAndMetadata> toCommit(boolean all, Collection<TopicPartition> only) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        partitions.forEach((partition, state) -> {
            if (only != null && !only.contains(partition)) {
                return;
            }
            synchronized (state) {
                long position = state.position();
                if (position >= 0 && (all || position != state.committed)) {
                    commit.put(partition, new OffsetAndMetadata(position));
                    state.committed = position;
                }
            }
        });
        return commit;
    }

    void forget(Collection<TopicPartition> revoked) {
        revoked.forEach(partitions::remove);
    }
}

package dev.stratus.runtime.records;

import dev.stratus.common.event.FunctionLogLines;
import dev.stratus.common.event.InvocationCompleted;
import dev.stratus.common.event.Topics;
import dev.stratus.testkit.Infrastructure;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runtime's invocation records and log lines, read back from the real broker with a plain consumer. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordsPublishingTest implements TestPropertyProvider {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    InvocationRecords invocations;
    @Inject
    LogShipper logs;
    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(Infrastructure.shared().micronautProperties());
        props.put("micronaut.server.port", "-1");
        props.put("stratus.gateway.port", "0");
        try {
            props.put("stratus.data-dir", Files.createTempDirectory("stratus-records-test").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    @Test
    void aCompletedCallIsPublishedKeyedByItsFunction() {
        String functionId = UUID.randomUUID().toString();
        Instant before = Instant.now();
        invocations.completed(functionId, 3, InvocationCompleted.HTTP, 201, 1_500_000, true, "instance-1");
        invocations.completed(functionId, 3, InvocationCompleted.CRON, 500, 42_000, false, null);

        try (var reader = reader(Topics.INVOCATION_COMPLETED)) {
            var events = reader.awaitValues(functionId, v -> v.size() >= 2, TIMEOUT).stream()
                    .map(v -> read(v, InvocationCompleted.class)).toList();
            var http = events.getFirst();
            assertEquals(functionId, http.functionId());
            assertEquals(3, http.revision());
            assertEquals("http", http.source());
            assertEquals(201, http.status());
            assertEquals(1_500, http.durationMicros());
            assertTrue(http.cold());
            assertEquals("instance-1", http.instanceId());
            assertFalse(http.at().isBefore(before.minusSeconds(1)), http.at().toString());
            assertFalse(http.eventId().isBlank());

            var cron = events.get(1);
            assertEquals("cron", cron.source());
            assertEquals(500, cron.status());
            assertEquals(42, cron.durationMicros());
            assertFalse(cron.cold());
            assertNull(cron.instanceId());
            assertNotEquals(http.eventId(), cron.eventId());
        }
    }

    @Test
    void linesArriveInOrderInBatchesOfAtMost500() {
        String functionId = UUID.randomUUID().toString();
        IntStream.range(0, 1_200).forEach(i -> logs.line(functionId, "instance-a",
                i % 2 == 0 ? FunctionLogLines.STDOUT : FunctionLogLines.STDERR, "line " + i));

        try (var reader = reader(Topics.FUNCTION_LOGS)) {
            var batches = reader.awaitValues(functionId, v -> lineCount(v) >= 1_200, TIMEOUT).stream()
                    .map(v -> read(v, FunctionLogLines.class)).toList();
            batches.forEach(batch -> {
                assertEquals(functionId, batch.functionId());
                assertEquals("instance-a", batch.instanceId());
                assertTrue(batch.lines().size() <= LogShipper.BATCH_LINES, "batch of " + batch.lines().size());
            });
            var lines = batches.stream().flatMap(b -> b.lines().stream()).toList();
            assertEquals(1_200, lines.size());
            for (int i = 0; i < lines.size(); i++) {
                assertEquals("line " + i, lines.get(i).message());
                assertEquals(i % 2 == 0 ? "stdout" : "stderr", lines.get(i).stream());
                if (i > 0) {
                    assertFalse(lines.get(i).timestamp().isBefore(lines.get(i - 1).timestamp()));
                }
            }
            assertEquals(0, logs.dropped());
        }
    }

    @Test
    void eachInstanceGetsItsOwnRecordsAndLongLinesAreCut() {
        String functionId = UUID.randomUUID().toString();
        String huge = "é".repeat(10_000); // 20,000 bytes of UTF-8
        logs.line(functionId, "instance-a", FunctionLogLines.STDOUT, "from a");
        logs.line(functionId, null, FunctionLogLines.STDERR, "from the runtime itself");
        logs.line(functionId, "instance-b", FunctionLogLines.STDERR, huge);

        try (var reader = reader(Topics.FUNCTION_LOGS)) {
            var batches = reader.awaitValues(functionId, v -> lineCount(v) >= 3, TIMEOUT).stream()
                    .map(v -> read(v, FunctionLogLines.class)).toList();
            Map<String, List<FunctionLogLines.Line>> byInstance = new HashMap<>();
            batches.forEach(b -> byInstance.computeIfAbsent(String.valueOf(b.instanceId()), k -> new ArrayList<>())
                    .addAll(b.lines()));
            assertEquals("from a", byInstance.get("instance-a").getFirst().message());
            assertEquals("from the runtime itself", byInstance.get("null").getFirst().message());

            String cut = byInstance.get("instance-b").getFirst().message();
            int bytes = cut.getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes <= 8 * 1024 && bytes > 8 * 1024 - 8, bytes + " bytes");
            assertTrue(cut.endsWith(LogLines.CUT_MARK));
            assertTrue(huge.startsWith(cut.substring(0, cut.length() - LogLines.CUT_MARK.length())));
        }
    }

    private int lineCount(List<String> values) {
        return values.stream().mapToInt(v -> read(v, FunctionLogLines.class).lines().size()).sum();
    }

    private <T> T read(String value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TopicReader reader(String topic) {
        return new TopicReader(Infrastructure.shared().kafka().bootstrapServers(), topic);
    }
}

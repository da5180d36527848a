package dev.stratus.api.logs;

import dev.stratus.api.support.ApiClient;
import dev.stratus.api.support.ApiTestSupport;
import dev.stratus.testkit.Poll;
import dev.stratus.api.support.TopicPublisher;
import dev.stratus.common.event.FunctionLogLines;
import dev.stratus.common.event.FunctionLogLines.Line;
import dev.stratus.common.event.Topics;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.stratus.api.support.ApiClient.fn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Log lines published by the runtime, as {@code GET …/functions/{id}/logs} lists them. */
class FunctionLogApiTest extends ApiTestSupport {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private TopicPublisher kafka;
    @Inject
    FunctionLogRepository stored;

    @BeforeAll
    void connectPublisher() {
        kafka = new TopicPublisher(bootstrapServers(), json);
    }

    @AfterAll
    void closePublisher() {
        kafka.close();
    }

    @Test
    void linesAreListedNewestFirstInScalewaysShape() {
        String id = createFunction(createNamespace(), "shape");
        publish(id, "instance-1", new Line(T0, "stdout", "hello"), new Line(T0.plusSeconds(1), "stderr", "oops"),
                new Line(T0.plusSeconds(2), "stdout", "nul\u0000byte"));
        publish(id, null, new Line(T0.plusSeconds(3), "stdout", "from the runtime"));

        var answer = awaitLogs(id, "", 4);
        assertEquals("application/json", answer.contentType());
        var logs = answer.list("logs");
        assertEquals(List.of("id", "message", "timestamp", "level", "source", "stream"),
                List.copyOf(logs.getFirst().keySet()));
        assertEquals(Map.of("message", "from the runtime", "timestamp", "2026-01-01T10:00:03Z", "level", "info",
                "source", "", "stream", "stdout"), withoutId(logs.get(0)));
        assertEquals("nul\uFFFDbyte", logs.get(1).get("message"), "PostgreSQL text cannot hold NUL");
        assertEquals(Map.of("message", "oops", "timestamp", "2026-01-01T10:00:01Z", "level", "error",
                "source", "instance-1", "stream", "stderr"), withoutId(logs.get(2)));
        assertEquals("hello", logs.get(3).get("message"));
        assertEquals(4, logs.stream().map(l -> l.get("id")).distinct().count());
        logs.forEach(l -> assertFalse(((String) l.get("id")).isBlank()));
    }

    @Test
    void pagesAndOrdersByTimestamp() {
        String id = createFunction(createNamespace(), "paging");
        publish(id, "i", IntStream.range(0, 25)
                .mapToObj(i -> new Line(T0.plusSeconds(i), "stdout", "line " + i)).toArray(Line[]::new));
        awaitLogs(id, "", 25);

        assertEquals(List.of("line 4", "line 3", "line 2", "line 1", "line 0"),
                messages(api.get(logsPath(id, "?page=3&page_size=10"))));
        assertEquals(IntStream.range(10, 20).mapToObj(i -> "line " + i).toList(),
                messages(api.get(logsPath(id, "?order_by=timestamp_asc&page=2&page_size=10"))));
        var firstPage = api.get(logsPath(id, ""));
        assertEquals(20, firstPage.list("logs").size(), "20 per page unless asked");
        assertEquals("line 24", firstPage.list("logs").getFirst().get("message"));
        assertEquals(25, total(firstPage));
        assertEquals(List.of(), messages(api.get(logsPath(id, "?page=9"))));

        for (String bad : List.of("?page_size=101", "?page_size=0", "?page=0", "?order_by=created_at_asc")) {
            var refused = api.get(logsPath(id, bad));
            assertEquals(400, refused.status(), bad + ": " + refused);
            assertEquals("invalid_arguments", refused.string("type"));
        }
    }

    @Test
    void linesWithTheSameTimestampKeepTheOrderTheyWereWrittenIn() {
        String id = createFunction(createNamespace(), "ties");
        publish(id, "i", new Line(T0, "stdout", "first"), new Line(T0, "stdout", "second"),
                new Line(T0, "stdout", "third"));
        publish(id, "i", new Line(T0, "stdout", "fourth"));
        awaitLogs(id, "", 4);
        assertEquals(List.of("first", "second", "third", "fourth"),
                messages(api.get(logsPath(id, "?order_by=timestamp_asc"))));
        assertEquals(List.of("fourth", "third", "second", "first"), messages(api.get(logsPath(id, ""))));
    }

    @Test
    void anUnknownFunctionIsNotFound() {
        String missing = UUID.randomUUID().toString();
        var answer = api.get(logsPath(missing, ""));
        assertEquals(404, answer.status());
        assertEquals("application/json", answer.contentType());
        assertEquals("not_found", answer.string("type"));
        assertEquals("function", answer.string("resource"));
        assertEquals(missing, answer.string("resource_id"));
    }

    @Test
    void onlyTheNewestThousandLinesAreKept() {
        String id = createFunction(createNamespace(), "trim");
        for (int batch = 0; batch < 3; batch++) {
            int from = batch * 400;
            publish(id, "i", IntStream.range(from, from + 400)
                    .mapToObj(i -> new Line(T0.plusMillis(i), "stdout", "line " + i)).toArray(Line[]::new));
        }
        Poll.until(() -> api.get(logsPath(id, "?order_by=timestamp_asc&page_size=1")),
                r -> total(r) == 1_000 && messages(r).equals(List.of("line 200")), TIMEOUT);
        assertEquals(List.of("line 1199"), messages(api.get(logsPath(id, "?page_size=1"))));
        assertEquals(1_000, stored.countByFunctionId(id));
    }

    @Test
    void redeliveredBatchesAndLinesOfUnknownFunctionsAreNotStored() {
        String id = createFunction(createNamespace(), "dedupe");
        String unknown = UUID.randomUUID().toString();
        var once = new FunctionLogLines(UUID.randomUUID().toString(), id, "i", List.of(new Line(T0, "stdout", "once")));
        kafka.sendAll(Topics.FUNCTION_LOGS, id, List.of(once, once));
        publish(unknown, "i", new Line(T0, "stdout", "nobody's"));
        // one partition: once the last record shows, every earlier one has been handled
        publish(id, "i", new Line(T0.plusSeconds(1), "stdout", "last"));

        var answer = Poll.until(() -> api.get(logsPath(id, "")), r -> messages(r).contains("last"), TIMEOUT);
        assertEquals(List.of("last", "once"), messages(answer));
        assertEquals(0, stored.countByFunctionId(unknown));
    }

    @Test
    void deletingTheFunctionDeletesItsLines() {
        String id = createFunction(createNamespace(), "gone");
        publish(id, "i", new Line(T0, "stdout", "bye"));
        awaitLogs(id, "", 1);
        assertEquals(200, api.delete(fn("/functions/" + id)).status());
        assertEquals(0, stored.countByFunctionId(id));
        assertEquals(404, api.get(logsPath(id, "")).status());
    }

    private void publish(String functionId, String instanceId, Line... lines) {
        kafka.send(Topics.FUNCTION_LOGS, functionId,
                new FunctionLogLines(UUID.randomUUID().toString(), functionId, instanceId, List.of(lines)));
    }

    private ApiClient.Response awaitLogs(String functionId, String query, int count) {
        // the page and its count are two reads: a batch stored between them shows in the count only
        return Poll.until(() -> api.get(logsPath(functionId, query)),
                r -> r.status() == 200 && total(r) == count
                        && r.list("logs").size() == Math.min(count, 20), TIMEOUT);
    }

    private static String logsPath(String functionId, String query) {
        return fn("/functions/" + functionId + "/logs" + query);
    }

    private static long total(ApiClient.Response response) {
        return ((Number) response.map().get("total_count")).longValue();
    }

    private static List<Object> messages(ApiClient.Response response) {
        return response.list("logs").stream().map(l -> l.get("message")).toList();
    }

    private static Map<String, Object> withoutId(Map<String, Object> log) {
        var copy = new LinkedHashMap<>(log);
        copy.remove("id");
        return copy;
    }
}

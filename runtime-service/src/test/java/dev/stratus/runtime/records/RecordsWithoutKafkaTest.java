package dev.stratus.runtime.records;

import dev.stratus.common.event.FunctionLogLines;
import dev.stratus.common.event.InvocationCompleted;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With no broker at the configured address, a send blocks for the producer's whole max-block time (5 s): callers
 * must still return at once, and what cannot be held is dropped and counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordsWithoutKafkaTest {
    private static final int CALLS = 20_000;
    private static final Duration SLOWEST_ALLOWED = Duration.ofSeconds(1);
    private ApplicationContext context;

    @BeforeAll
    void startWithoutBroker() throws IOException {
        int deadPort;
        try (var socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort(); // free once closed: nothing listens there
        }
        context = ApplicationContext.run(Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:" + deadPort,
                "stratus.kafka.create-topics", "false",
                "micronaut.server.port", "-1",
                "stratus.gateway.port", "0",
                "stratus.data-dir", Files.createTempDirectory("stratus-records-nokafka").toString()));
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void invocationRecordsNeverBlockTheCaller() {
        var records = context.getBean(InvocationRecords.class);
        Duration slowest = slowestOf(() -> records.completed("f", 1, InvocationCompleted.HTTP, 200, 1_000, false, "i"));
        assertTrue(slowest.compareTo(SLOWEST_ALLOWED) < 0, "slowest call took " + slowest);
        assertTrue(records.dropped() >= CALLS - InvocationRecords.MAX_PENDING - 10, records.dropped() + " dropped");
    }

    @Test
    void logLinesNeverBlockThePump() {
        var shipper = context.getBean(LogShipper.class);
        Duration slowest = slowestOf(() -> shipper.line("f", "i", FunctionLogLines.STDOUT, "a line"));
        assertTrue(slowest.compareTo(SLOWEST_ALLOWED) < 0, "slowest call took " + slowest);
        assertTrue(shipper.dropped() > 0, "the buffer holds " + LogShipper.MAX_BUFFERED + " lines only");
    }

    @Test
    void aNoisyFunctionTakesItsShareOfTheBufferAndNoMore() {
        var shipper = context.getBean(LogShipper.class);
        String longLine = "n".repeat(8 * 1024);
        for (int i = 0; i < CALLS; i++) {
            shipper.line("noisy", "i", FunctionLogLines.STDOUT, longLine);
        }
        assertTrue(shipper.bufferedBytes("noisy") <= LogShipper.MAX_BYTES_PER_FUNCTION,
                shipper.bufferedBytes("noisy") + " bytes of the noisy function's lines held");
        assertTrue(shipper.bufferedBytes() <= LogShipper.MAX_BUFFERED_BYTES, shipper.bufferedBytes() + " bytes held");

        long droppedBefore = shipper.dropped();
        shipper.line("quiet", "j", FunctionLogLines.STDOUT, "a quiet line");
        assertEquals(droppedBefore, shipper.dropped(), "the quiet function's line pushed nothing out, nor was refused");
        for (int i = 0; i < CALLS; i++) {
            shipper.line("noisy", "i", FunctionLogLines.STDOUT, longLine);
        }
        // the quiet line is still buffered, or the shipper has taken it to send: either way not dropped for noise
        assertTrue(shipper.bufferedBytes("noisy") <= LogShipper.MAX_BYTES_PER_FUNCTION);
    }

    private static Duration slowestOf(Runnable call) {
        long slowest = 0;
        for (int i = 0; i < CALLS; i++) {
            long start = System.nanoTime();
            call.run();
            slowest = Math.max(slowest, System.nanoTime() - start);
        }
        return Duration.ofNanos(slowest);
    }
}

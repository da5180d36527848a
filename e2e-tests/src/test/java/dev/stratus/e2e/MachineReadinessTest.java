package dev.stratus.e2e;

import dev.stratus.testkit.LocalPlatform;
import dev.stratus.testkit.LocalPlatformOptions;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A machine where sandboxes cannot start never looks ready: the runtime proves one sandbox at start, and the
 * platform's failure names the cause (its first ERROR line) and the log, not the tail of a stack trace.
 */
class MachineReadinessTest {

    @Test
    void withoutBubblewrapThePlatformRefusesToStartAndSaysWhy() throws Exception {
        // the runtime's PATH holds what it runs besides bwrap (setpriv, sh), as on a machine without bubblewrap
        Path bin = Files.createTempDirectory("no-bwrap");
        for (String tool : new String[]{"setpriv", "sh"}) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool));
        }
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> LocalPlatform.start(
                new LocalPlatformOptions().managedQueues(false)
                        .env(LocalPlatform.Service.RUNTIME, "PATH", bin.toString())).close());
        String message = failure.getMessage();
        assertTrue(message.startsWith("runtime-service"), message);
        assertTrue(message.contains("Functions cannot run on this machine") && message.contains("bwrap"), message);
        assertTrue(message.contains("runtime-service.log"), "names the log: " + message);
        assertTrue(message.lines().count() == 1, "one line, not a stack trace: " + message);
    }

    @Test
    void aServiceWhosePortIsTakenIsReportedByItsFirstErrorLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            IllegalStateException failure = assertThrows(IllegalStateException.class, () -> LocalPlatform.start(
                    new LocalPlatformOptions().managedQueues(false)
                            .port(LocalPlatform.Service.SCHEDULER, taken.getLocalPort())).close());
            String message = failure.getMessage();
            assertTrue(message.startsWith("scheduler-service"), message);
            assertTrue(message.contains(Integer.toString(taken.getLocalPort())) && message.contains("in use"),
                    "the cause, not the tail of a stack trace: " + message);
            assertTrue(message.contains("scheduler-service.log"), "names the log: " + message);
        }
    }
}

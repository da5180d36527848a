package dev.stratus.testkit;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoOrphansTest {

    @Test
    void serversDieWithAParentKilledByKill9() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OrphanProbe.class.getName()).redirectErrorStream(true).start();
        String[] watch = readWatchLine(parent);
        long broker = Long.parseLong(watch[1]);
        long postmaster = Long.parseLong(watch[2]);
        Path brokerDir = Path.of(watch[3]);
        Path postgresDir = Path.of(watch[4]);
        assertTrue(alive(broker), "broker runs");
        assertTrue(alive(postmaster), "postmaster runs");

        parent.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        for (long pid : new long[]{broker, postmaster}) {
            // onExit completes when the process is gone; the timeout is the deadline
            ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().orTimeout(40, TimeUnit.SECONDS).join());
            assertFalse(alive(pid), "process " + pid + " outlived its parent");
        }

        // the dead parent could not delete its temp dirs: the next start in any JVM sweeps them
        assertTrue(Files.exists(brokerDir) && Files.exists(postgresDir));
        WorkDirs.sweep(KafkaBroker.TEMP_PREFIX);
        WorkDirs.sweep(Postgres.TEMP_PREFIX);
        assertFalse(Files.exists(brokerDir), "stale broker dir swept");
        assertFalse(Files.exists(postgresDir), "stale postgres dir swept");
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String[] readWatchLine(Process parent) throws Exception {
        var reader = new BufferedReader(new InputStreamReader(parent.getInputStream()));
        StringBuilder seen = new StringBuilder();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith("WATCH ")) {
                return line.split(" ");
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the probe exited without starting its servers:\n" + seen);
    }
}

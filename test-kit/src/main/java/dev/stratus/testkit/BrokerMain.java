package dev.stratus.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs inside the broker's own JVM: formats the data directory on first start, then starts Kafka. The broker exits
 * when its parent's pipe on stdin closes, so a parent killed with {@code kill -9} leaves no broker behind.
 * Arguments: server.properties, cluster id, data directory.
 */
public final class BrokerMain {
    /** Kafka's own shutdown normally takes 1-5 s; past this the broker is halted so it never lingers. */
    private static final long HALT_AFTER_MS = 30_000;

    public static void main(String[] args) throws Exception {
        if (!Files.exists(Path.of(args[2], "meta.properties"))) {
            // in-process format: a separate kafka-storage JVM would cost about 1.5 s more
            // "--cluster-id=" keeps an id that starts with '-' from being read as an option
            String[] format = {"format", "--cluster-id=" + args[1], "--config", args[0], "--ignore-formatted"};
            kafka.tools.StorageTool.execute(format, System.out);
        }
        daemon("parent-watchdog", BrokerMain::exitWhenParentGoes).start();
        kafka.Kafka.main(new String[]{args[0]});
    }

    private static void exitWhenParentGoes() {
        try {
            while (System.in.read() != -1) {
                // the parent never writes; EOF means it closed the pipe or died
            }
        } catch (IOException ignored) {
            // a broken pipe means the same
        }
        daemon("halt-timer", BrokerMain::haltLater).start();
        System.exit(0); // runs Kafka's shutdown hook: a clean stop that keeps the data consistent
    }

    private static void haltLater() {
        try {
            Thread.sleep(HALT_AFTER_MS); // a timeout, not synchronisation
        } catch (InterruptedException ignored) {
            // halt anyway
        }
        Runtime.getRuntime().halt(1);
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private BrokerMain() {
    }
}

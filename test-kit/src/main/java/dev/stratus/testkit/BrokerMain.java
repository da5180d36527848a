package dev.stratus.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs inside the broker's own JVM: formats the log directory on first start, then starts Kafka. The broker exits
 * when its parent's pipe on stdin closes, so a parent killed with {@code kill -9} leaves no broker behind.
 * Arguments: server.properties, cluster id, log directory.
 */
public final class BrokerMain {

    public static void main(String[] args) throws Exception {
        if (!Files.exists(Path.of(args[2], "meta.properties"))) {
            kafka.tools.StorageTool.execute(new String[]{"format", "-t", args[1], "-c", args[0], "--ignore-formatted"},
                    System.out);
        }
        Thread watchdog = new Thread(BrokerMain::exitWhenParentGoes, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
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
        System.exit(0); // runs Kafka's shutdown hook: a clean, fast stop
    }

    private BrokerMain() {
    }
}

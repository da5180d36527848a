package dev.stratus.testkit;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Runs inside a service's JVM, around the service's own main. Micronaut services know nothing of their parent, so
 * this exits the JVM when the parent's pipe on stdin closes: a parent that stops the service, or dies even by
 * {@code kill -9}, leaves nothing behind. It prints {@link #STARTED} once the service's main has returned, which
 * for Micronaut means the context and the HTTP server are up. Uses the JDK only: it sits on the service's
 * classpath. Arguments: the service's main class, then the service's arguments.
 */
public final class ServiceMain {
    static final String STARTED = "STRATUS_SERVICE_STARTED";
    /**
     * A clean stop takes 1-3 s. Kafka consumers closing while their group waits on members that died without
     * leaving block for up to 30 s, with nothing to lose by halting instead.
     */
    private static final long HALT_AFTER_MS = 10_000;

    public static void main(String[] args) {
        daemon("parent-watchdog", ServiceMain::exitWhenParentGoes).start();
        try {
            Class.forName(args[0]).getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            failed(e.getCause());
        } catch (ReflectiveOperationException | RuntimeException | Error e) {
            failed(e);
        }
        System.out.println(STARTED);
    }

    /** A failed start may leave non-daemon threads (Kafka clients, pools) that would keep the JVM up. */
    private static void failed(Throwable cause) {
        System.err.println("The service did not start:");
        cause.printStackTrace();
        System.exit(1);
    }

    private static void exitWhenParentGoes() {
        try {
            while (System.in.read() != -1) {
                // the parent never writes; EOF means it closed the pipe or died
            }
        } catch (IOException ignored) {
            // a broken pipe means the same
        }
        daemon("halt-timer", ServiceMain::haltLater).start();
        System.exit(0); // runs the service's shutdown hooks: a clean stop
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

    private ServiceMain() {
    }
}

package dev.stratus.testkit;

/** Started in a child JVM by {@link NatsTest}: starts a NATS server, prints what to watch, then waits. */
public final class NatsProbe {

    public static void main(String[] args) throws InterruptedException {
        Nats nats = Nats.start();
        System.out.println("WATCH " + nats.pid() + " " + nats.workDir());
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }

    private NatsProbe() {
    }
}

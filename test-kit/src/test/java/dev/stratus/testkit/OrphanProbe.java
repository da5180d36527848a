package dev.stratus.testkit;

/** Started in a child JVM by {@link NoOrphansTest}: starts the shared servers, prints what to watch, then waits. */
public final class OrphanProbe {

    public static void main(String[] args) throws InterruptedException {
        Infrastructure infra = Infrastructure.shared();
        System.out.println("WATCH " + infra.kafka().pid() + " " + infra.postgres().postmasterPid()
                + " " + infra.kafka().workDir() + " " + infra.postgres().directory());
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }

    private OrphanProbe() {
    }
}

package dev.stratus.testkit;

/** Started in a child JVM by {@link InfrastructureTest}: starts both servers, prints their pids, then waits. */
public final class OrphanProbe {

    public static void main(String[] args) throws InterruptedException {
        KafkaBroker kafka = KafkaBroker.start();
        Postgres postgres = Postgres.start();
        System.out.println("PIDS " + kafka.pid() + " " + postgres.postmasterPid());
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }

    private OrphanProbe() {
    }
}

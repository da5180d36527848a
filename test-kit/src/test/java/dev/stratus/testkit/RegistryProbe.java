package dev.stratus.testkit;

/** Started in a child JVM by {@link RegistryTest}: starts a registry, prints what to watch, then waits. */
public final class RegistryProbe {

    public static void main(String[] args) throws InterruptedException {
        Registry registry = Registry.start();
        System.out.println("WATCH " + registry.pid() + " " + registry.workDir());
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }

    private RegistryProbe() {
    }
}

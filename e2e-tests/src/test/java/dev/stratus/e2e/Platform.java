package dev.stratus.e2e;

import dev.stratus.testkit.LocalPlatform;
import dev.stratus.testkit.LocalPlatformOptions;
import dev.stratus.testkit.client.FunctionsApi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** One running platform per test JVM (free ports, a throw-away data dir), shared by the test classes. */
final class Platform {
    private static LocalPlatform shared;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Platform() {
    }

    static synchronized LocalPlatform local() {
        if (shared == null) {
            // short idle times, so tests see scale-down and scale-to-zero without waiting a minute
            shared = LocalPlatform.start(new LocalPlatformOptions()
                    .env(LocalPlatform.Service.RUNTIME, "STRATUS_IDLE_TIMEOUT", "6s")
                    .env(LocalPlatform.Service.RUNTIME, "STRATUS_SCALE_DOWN_DELAY", "2s")
                    .env(LocalPlatform.Service.RUNTIME, "STRATUS_STABLE_WINDOW", "4s")
                    // every fire and every call it makes, in the logs a failure message quotes
                    .env(LocalPlatform.Service.SCHEDULER, "LOGGER_LEVELS_DEV_STRATUS_SCHEDULER", "DEBUG")
                    .env(LocalPlatform.Service.RUNTIME, "LOGGER_LEVELS_DEV_STRATUS_RUNTIME_INVOKE", "DEBUG"));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    static FunctionsApi api() {
        LocalPlatform local = local();
        return new FunctionsApi(local.apiUrl(), local.gatewayUrl(), local.secretKey());
    }

    /** The last lines of each service's log, for a failure message. */
    static String logTails(int lines) {
        StringBuilder tails = new StringBuilder();
        for (LocalPlatform.Service service : LocalPlatform.Service.values()) {
            java.nio.file.Path log = local().logDir().resolve(service.module() + ".log");
            try {
                java.util.List<String> all = java.nio.file.Files.readAllLines(log);
                tails.append("\n--- ").append(log.getFileName()).append('\n')
                        .append(String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())));
            } catch (IOException e) {
                tails.append("\n--- ").append(log.getFileName()).append(": ").append(e);
            }
        }
        return tails.toString();
    }

    /** The runtime's status endpoint: every served function with its instances. */
    static String instances() {
        LocalPlatform local = local();
        URI uri = URI.create("http://127.0.0.1:" + local.port(LocalPlatform.Service.RUNTIME) + "/instances");
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

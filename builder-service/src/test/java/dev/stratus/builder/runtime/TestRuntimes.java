package dev.stratus.builder.runtime;

import dev.stratus.testkit.LocalPlatform;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The Node.js releases builder tests build with: the real pinned ones from the npm registry (or the mirror
 * {@code STRATUS_NPM_REGISTRY} names), kept where throw-away platforms keep them, so that each is downloaded
 * once per machine rather than once per test data dir. Downloads are verified, so sharing is safe.
 */
public final class TestRuntimes {
    public static final Path DIR = LocalPlatform.SHARED_RUNTIMES;

    private TestRuntimes() {
    }

    public static String registry() {
        return System.getenv().getOrDefault("STRATUS_NPM_REGISTRY", "https://registry.npmjs.org");
    }

    public static NodeReleases nodeReleases() {
        return new NodeReleases(DIR, registry(), Duration.ofMinutes(5));
    }

    public static Interpreters interpreters() {
        return new Interpreters(nodeReleases());
    }
}

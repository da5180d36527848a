package dev.stratus.api;

import dev.stratus.api.support.ApiTestSupport;
import dev.stratus.api.support.Zips;
import io.micronaut.core.type.Argument;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs Scaleway's official JS SDK ({@code @scaleway/sdk-function}, pinned in src/test/node/package-lock.json)
 * against this api-service: if Stratus breaks one of the client rules, the SDK throws and this test fails.
 */
class ScalewaySdkCompatibilityTest extends ApiTestSupport {
    private static final Path SOURCES = Path.of("src/test/node");
    private static final Path WORK = Path.of("target/sdk-compat");

    @Test
    void officialJsSdkDrivesTheWholeFunctionLifecycle() throws Exception {
        installSdk();
        Path zip = Files.write(Files.createTempFile("sdk-code", ".zip"), Zips.helloNode());
        ProcessBuilder node = new ProcessBuilder("node", "sdk-flow.mjs").directory(WORK.toFile());
        node.environment().put("STRATUS_API_URL", api.baseUrl());
        node.environment().put("STRATUS_SECRET_KEY", SECRET_KEY);
        // a project of the user's own, as SCW_DEFAULT_PROJECT_ID would name it: the platform key serves it
        node.environment().put("STRATUS_PROJECT_ID", java.util.UUID.randomUUID().toString());
        node.environment().put("STRATUS_ZIP", zip.toString());
        String output = run(node, 120);
        String lastLine = output.lines().reduce((a, b) -> b).orElse("");
        Map<String, Object> seen = json.readValue(lastLine, Argument.mapOf(String.class, Object.class));

        assertEquals("ready", seen.get("namespaceStatus"));
        assertEquals(true, seen.get("secretHashVerifies"), "node's argon2.verify accepts our hash");
        assertEquals(true, seen.get("secretHashRejectsOther"));
        assertTrue(((List<?>) seen.get("runtimes")).containsAll(List.of("node20", "node22", "node24",
                "python311")));
        assertEquals("created", seen.get("createdStatus"));
        assertEquals("handler.handle", seen.get("handler"));
        assertEquals(200, seen.get("uploadStatus"));
        assertEquals("pending", seen.get("deployStatus"));
        assertEquals(1, seen.get("pageLength"));
        assertEquals(2, seen.get("totalCount"));
        assertEquals(List.of("hello", "second"), seen.get("allNames"), "the SDK's paginator walks every page");
        assertEquals("ResourceNotFoundError", seen.get("missing"));
        assertEquals("deleting", seen.get("deletedStatus"));
        assertEquals("ResourceNotFoundError", seen.get("afterDelete"));
        assertEquals("deleting", seen.get("deletedNamespaceStatus"));
    }

    /** npm ci into target/, from the committed lock file: the same SDK version on every run. */
    private static void installSdk() throws Exception {
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "sdk-flow.mjs")) {
            Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(WORK.resolve("node_modules/@scaleway/sdk-function"))) {
            run(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
                    .directory(WORK.toFile()), 300);
        }
    }

    private static String run(ProcessBuilder builder, long timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("sdk-compat", ".log");
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(builder.command() + " did not finish in " + timeoutSeconds + " s:\n"
                    + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError(builder.command() + " failed (" + process.exitValue() + "):\n" + output);
        }
        return output;
    }
}

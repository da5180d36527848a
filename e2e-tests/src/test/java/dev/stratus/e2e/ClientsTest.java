package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.testkit.LocalPlatform;
import dev.stratus.testkit.Poll;
import dev.stratus.testkit.client.FunctionZips;
import dev.stratus.testkit.client.FunctionsApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scaleway's own clients, unchanged, against the whole platform: the official JS SDK and the Serverless Framework
 * with Scaleway's plugin (both pinned in src/test/node/package-lock.json). Each works in a project of its own
 * (a random id, as a user's SCW_DEFAULT_PROJECT_ID would name it), which the platform key serves.
 */
class ClientsTest {
    private static final Path SOURCES = Path.of("src/test/node");
    private static final Path WORK = Path.of("target/e2e-clients").toAbsolutePath();
    private static final String GREETER = """
            module.exports.handle = async (event) => {
              return { statusCode: 200, headers: { "Content-Type": "text/plain" },
                       body: "hello from " + process.env.GREETING };
            };
            """;
    private static LocalPlatform platform;
    private static FunctionsApi api;

    @BeforeAll
    static void start() throws Exception {
        installClients();
        platform = Platform.local();
        api = Platform.api();
    }

    @Test
    void officialJsSdkLivesAFunctionsWholeLife() throws Exception {
        String project = UUID.randomUUID().toString();
        Path zip = Files.write(WORK.resolve("greeter.zip"), FunctionZips.of(Map.of("handler.js", GREETER)));
        ProcessBuilder node = new ProcessBuilder("node", "sdk-lifecycle.mjs").directory(WORK.toFile());
        node.environment().put("STRATUS_API_URL", platform.apiUrl());
        node.environment().put("STRATUS_GATEWAY_URL", platform.gatewayUrl());
        node.environment().put("STRATUS_SECRET_KEY", platform.secretKey());
        node.environment().put("STRATUS_PROJECT_ID", project);
        node.environment().put("STRATUS_ZIP", zip.toString());
        Run run = run(node, "sdk-lifecycle", 240);
        assertEquals(0, run.exit(), "the SDK flow failed:\n" + run.output() + Platform.logTails(40));
        String lastLine = run.output().lines().reduce((a, b) -> b).orElse("");
        JsonNode seen = FunctionsApi.JSON.readTree(lastLine);
        String context = run.output();

        assertEquals(project, seen.get("namespaceProject").asText(), "the namespace is in the SDK's default project");
        assertEquals("ready", seen.get("namespaceStatus").asText(), context);
        assertEquals(200, seen.get("uploadStatus").asInt(), context);
        assertEquals("ready", seen.get("deployedStatus").asText(), context);
        assertEquals("ready", seen.get("cronStatus").asText(), context);
        assertEquals(200, seen.at("/publicCall/status").asInt(), context);
        assertEquals("hello from the sdk", seen.at("/publicCall/body").asText(), context);
        assertEquals("private", seen.get("updatedPrivacy").asText(), context);
        assertEquals("ready", seen.get("privateStatus").asText(), context);
        assertEquals(403, seen.get("withoutToken").asInt(), context);
        assertEquals("ready", seen.get("tokenStatus").asText(), context);
        assertEquals(200, seen.at("/withToken/status").asInt(), context);
        assertEquals("hello from the sdk", seen.at("/withToken/body").asText(), context);
        assertEquals("cron", seen.at("/cronCall/source").asText(), context);
        assertEquals(200, seen.at("/cronCall/status").asInt(), "the cron's call succeeded: " + context);
        assertEquals("deleting", seen.get("deletedFunction").asText(), context);
        assertEquals("deleting", seen.get("deletedNamespace").asText(), context);
        assertTrue(seen.get("namespaceGone").asBoolean(), context);
    }

    @Test
    void serverlessFrameworkDeploysAndRemovesAService() throws Exception {
        String project = UUID.randomUUID().toString();
        String service = "sls-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        // under WORK, so that Node finds the framework's plugin in WORK/node_modules as it would in a user's project
        Path dir = Files.createDirectories(WORK.resolve(service));
        Files.writeString(dir.resolve("handler.js"), GREETER);
        Files.writeString(dir.resolve("serverless.yml"), """
                service: %s
                provider:
                  name: scaleway
                  runtime: node22
                  env:
                    GREETING: the serverless framework
                plugins:
                  - serverless-scaleway-functions
                package:
                  patterns:
                    - "!node_modules/**"
                    - "!.serverless/**"
                functions:
                  greeter:
                    handler: handler.handle
                    events:
                      # the plugin checks schedules with a pattern of its own, which refuses step values like */5
                      - schedule:
                          rate: "30 4 * * 1"
                          input:
                            from: serverless
                """.formatted(service));

        Run deploy = serverless(dir, project, "deploy", "deploy");
        assertEquals(0, deploy.exit(), "serverless deploy failed:\n" + deploy.output() + Platform.logTails(40));
        JsonNode namespace = namespaceNamed(service, project);
        assertTrue(namespace != null, "serverless deploy created no namespace " + service + " in " + project
                + ":\n" + deploy.output());
        assertEquals(project, namespace.get("project_id").asText(), "in the project SCW_DEFAULT_PROJECT_ID names");
        assertEquals("ready", namespace.get("status").asText(), namespace.toString());
        JsonNode functions = api.get("/namespaces/" + namespace.get("id").asText() + "/functions").get("functions");
        assertEquals(1, functions.size(), functions.toString());
        JsonNode greeter = functions.get(0);
        assertEquals("greeter", greeter.get("name").asText());
        assertEquals("ready", greeter.get("status").asText(), greeter.toString());
        assertEquals("handler.handle", greeter.get("handler").asText());

        HttpResponse<String> answer = api.invoke(greeter.get("domain_name").asText(), "GET", "/", null, null);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("hello from the serverless framework", answer.body());

        // the plugin creates the schedule event's cron without waiting for the answer, before it exits
        String functionId = greeter.get("id").asText();
        JsonNode cron = Poll.until(() -> api.get("/crons?function_id=" + functionId).get("crons"),
                crons -> crons.size() == 1, Duration.ofSeconds(10)).get(0);
        assertEquals("30 4 * * 1", cron.get("schedule").asText(), cron.toString());
        assertEquals("serverless", cron.at("/args/from").asText(), cron.toString());

        // a second deploy is an update: the same function gets the new code, the cron is replaced
        Files.writeString(dir.resolve("handler.js"), GREETER.replace("hello from", "hello again from"));
        Run redeploy = serverless(dir, project, "deploy", "redeploy");
        assertEquals(0, redeploy.exit(), "serverless deploy, again, failed:\n" + redeploy.output()
                + Platform.logTails(40));
        JsonNode updated = api.get("/functions/" + functionId);
        assertEquals("ready", updated.get("status").asText(), updated.toString());
        answer = api.invoke(updated.get("domain_name").asText(), "GET", "/", null, null);
        assertEquals("hello again from the serverless framework", answer.body());
        assertEquals(1, api.get("/namespaces/" + namespace.get("id").asText() + "/functions").get("functions")
                .size(), "the update made no second function");
        String firstCron = cron.get("id").asText();
        Poll.until("the cron replaced", () -> {
            JsonNode crons = api.get("/crons?function_id=" + functionId).get("crons");
            return crons.size() == 1 && !crons.get(0).get("id").asText().equals(firstCron);
        }, () -> api.get("/crons?function_id=" + functionId).toString(), Duration.ofSeconds(10));

        Run remove = serverless(dir, project, "remove", "remove");
        assertEquals(0, remove.exit(), "serverless remove failed:\n" + remove.output() + Platform.logTails(40));
        Poll.until("namespace " + service + " gone", () -> namespaceNamed(service, project) == null,
                () -> String.valueOf(namespaceNamed(service, project)), Duration.ofSeconds(60));
    }

    private static JsonNode namespaceNamed(String name, String project) {
        JsonNode namespaces = api.get("/namespaces?name=" + name + "&project_id=" + project).get("namespaces");
        return namespaces.isEmpty() ? null : namespaces.get(0);
    }

    /** The framework as its users run it, with only the environment the README names pointing it at Stratus. */
    private static Run serverless(Path dir, String project, String command, String step) throws Exception {
        ProcessBuilder sls = new ProcessBuilder("node",
                WORK.resolve("node_modules/serverless/bin/serverless.js").toString(), command)
                .directory(dir.toFile());
        Map<String, String> env = sls.environment();
        env.keySet().removeIf(key -> key.startsWith("SCW_") || key.startsWith("SLS_"));
        env.put("SCW_SECRET_KEY", platform.secretKey());
        env.put("SCW_DEFAULT_PROJECT_ID", project);
        env.put("SCW_FUNCTION_URL", platform.apiUrl() + "/functions/v1beta1/regions/fr-par");
        // a home of its own: no ~/.config/scw/config.yaml or framework state of whoever runs the build
        env.put("HOME", Files.createDirectories(WORK.resolve("home")).toString());
        env.put("SLS_TELEMETRY_DISABLED", "1");
        env.put("SLS_NOTIFICATIONS_MODE", "off");
        return run(sls, dir.getFileName() + "-" + step, 180);
    }

    /** npm ci into target/, from the committed lock file, once per checkout: the same clients on every run. */
    private static void installClients() throws Exception {
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "sdk-lifecycle.mjs")) {
            Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path installed = WORK.resolve("node_modules/.stratus-installed");
        String lock = Files.readString(WORK.resolve("package-lock.json"));
        if (Files.exists(installed) && Files.readString(installed).equals(lock)) {
            return;
        }
        // no install scripts: argon2 (the plugin's secret hashing) is overridden to a version that ships its
        // binaries, and nothing else needs one
        Run install = run(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
                .directory(WORK.toFile()), "npm-ci", 300);
        assertEquals(0, install.exit(), "npm ci failed:\n" + install.output());
        Files.writeString(installed, lock);
    }

    private record Run(int exit, String output) {
    }

    /** Runs a client to its end; its output stays in target/e2e-clients/logs/{name}.log. */
    private static Run run(ProcessBuilder builder, String name, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path log = Files.createDirectories(WORK.resolve("logs")).resolve(name + ".log");
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(builder.command() + " did not finish in " + timeoutSeconds + " s:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}

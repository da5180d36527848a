package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.testkit.client.FunctionZips;
import dev.stratus.testkit.client.FunctionsApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A runtime is what its name says: each function runs on the interpreter of its runtime's version. */
class RuntimeVersionsTest {
    private static final Duration DEPLOY = Duration.ofSeconds(180);
    private static final String NODE_VERSION = """
            exports.handle = async () => ({ statusCode: 200, body: process.version + ' ' + process.execPath });
            """;
    private static final String PYTHON_VERSION = """
            import sys


            def handle(event, context):
                return {"statusCode": 200, "body": sys.version}
            """;
    private static FunctionsApi api;

    @BeforeAll
    static void start() {
        api = Platform.api();
    }

    @Test
    void eachNodeRuntimeRunsItsOwnNodeAndPythonItsOwnPython() throws Exception {
        String ns = api.createNamespace("");

        String node22 = deploy(ns, "version-node22", "node22", "handler.js", NODE_VERSION);
        String node20 = deploy(ns, "version-node20", "node20", "handler.js", NODE_VERSION);
        String python = deploy(ns, "version-python311", "python311", "handler.py", PYTHON_VERSION);

        assertTrue(node22.startsWith("v22.23.5 /runtime/bin/node"), node22);
        assertTrue(node20.startsWith("v20.20.2 /runtime/bin/node"), node20);
        assertTrue(python.startsWith("3.11."), python);
    }

    @Test
    void twoFunctionsOnTheSameNodeEachRunIt() throws Exception {
        String ns = api.createNamespace("");
        long first = System.nanoTime();
        deploy(ns, "first-node24", "node24", "handler.js", NODE_VERSION);
        long second = System.nanoTime();
        String version = deploy(ns, "second-node24", "node24", "handler.js", NODE_VERSION);
        long done = System.nanoTime();

        assertTrue(version.startsWith("v24.22.3 "), version);
        Duration firstDeploy = Duration.ofNanos(second - first);
        Duration secondDeploy = Duration.ofNanos(done - second);
        // for the record: the first packs and unpacks the 125 MB interpreter, the second reuses both
        System.out.printf("node24 deploys (create to first answer): first %d ms, second %d ms%n",
                firstDeploy.toMillis(), secondDeploy.toMillis());
    }

    /** Deploys the function, calls it and returns what it answered. */
    private static String deploy(String ns, String name, String runtime, String file, String code) throws Exception {
        JsonNode function = api.createFunction(ns, name, runtime, "public");
        JsonNode deployed = api.uploadAndDeploy(function.get("id").asText(),
                FunctionZips.of(Map.of(file, code)), DEPLOY);
        assertEquals("ready", deployed.get("status").asText(), deployed + Platform.logTails(20));
        HttpResponse<String> answer = api.invoke(deployed.get("domain_name").asText(), "GET", "/", null, null);
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }
}

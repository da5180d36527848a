package dev.stratus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.testkit.LocalPlatform;
import dev.stratus.testkit.client.FunctionZips;
import dev.stratus.testkit.client.FunctionsApi;
import dev.stratus.common.http.HttpConnection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What every scenario shares: the platform, its API, its sandbox folders and the hello-world code. */
record BenchContext(LocalPlatform platform, FunctionsApi api, Sandbox sandbox, int rounds) {
    static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(120);

    /** Hello world, made unique per function so its unpacked revision can be found. */
    static String hello(String runtime, String tag) {
        return runtime.startsWith("node")
                ? "// " + tag + "\nmodule.exports.handle = (event, context, callback) => callback(null, "
                + "{statusCode: 200, body: 'hello'});\n"
                : "# " + tag + "\ndef handle(event, context):\n    return {\"statusCode\": 200, \"body\": \"hello\"}\n";
    }

    String namespace() {
        return api.createNamespace("");
    }

    /** Creates and deploys a hello-world function; {@code settings} are JSON fields applied before the deploy. */
    Deployed deploy(String namespaceId, String runtime, String settings) {
        String name = runtime + "-" + UUID.randomUUID().toString().substring(0, 6);
        JsonNode function = api.createFunction(namespaceId, name, runtime, "public");
        String id = function.get("id").asText();
        if (!settings.isBlank()) {
            api.patch("/functions/" + id, "{" + settings + ", \"redeploy\": false}");
        }
        String code = hello(runtime, name);
        String file = runtime.startsWith("node") ? "handler.js" : "handler.py";
        JsonNode ready = api.uploadAndDeploy(id, FunctionZips.of(Map.of(file, code)), DEPLOY_TIMEOUT);
        if (!ready.get("status").asText().equals("ready")) {
            throw new IllegalStateException("deploy failed: " + ready);
        }
        return Deployed.of(ready, code);
    }

    /** A raw keep-alive connection to the gateway, so gateway and direct calls use the same client code. */
    HttpConnection gateway() throws IOException {
        URI uri = URI.create(platform.gatewayUrl());
        return HttpConnection.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
    }

    static int get(HttpConnection connection, String host) throws IOException {
        return connection.exchange("GET", "/", List.of(Map.entry("Host", host)), new byte[0], 30_000).status();
    }
}

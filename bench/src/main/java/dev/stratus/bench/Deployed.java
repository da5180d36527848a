package dev.stratus.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** A function the benchmark deployed, with what it needs to call it by hand. */
record Deployed(String id, String domain, String runtime, String code, List<String> command) {

    static Deployed of(JsonNode function, String code) {
        String runtime = function.get("runtime").asText();
        // as the builder sets the image's entrypoint: node runtimes carry their own node, pythonXY runs python3.Y
        List<String> command = runtime.startsWith("node") ? List.of("/runtime/bin/node", "/stratus/wrapper.js")
                : List.of("/usr/bin/python3." + runtime.substring("python3".length()), "/stratus/wrapper.py");
        return new Deployed(function.get("id").asText(), function.get("domain_name").asText(), runtime, code,
                command);
    }

    String handlerFile() {
        return runtime.startsWith("node") ? "handler.js" : "handler.py";
    }
}

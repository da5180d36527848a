package dev.stratus.api.function;

import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The runtimes Stratus ships a wrapper for; names and handlers follow Scaleway's conventions. */
@Singleton
public class RuntimeCatalog {
    private static final String NODE_SAMPLE = """
            module.exports.handle = (event, context, callback) => {
              return { statusCode: 200, body: "Hello from Stratus" };
            };
            """;
    private static final String PYTHON_SAMPLE = """
            def handle(event, context):
                return {"statusCode": 200, "body": "Hello from Stratus"}
            """;
    private static final List<Runtime> RUNTIMES = List.of(
            new Runtime("node20", "Node", "20", "handler.handle", "js", NODE_SAMPLE),
            new Runtime("node22", "Node", "22", "handler.handle", "js", NODE_SAMPLE),
            new Runtime("python311", "Python", "3.11", "handler.handle", "py", PYTHON_SAMPLE),
            new Runtime("python312", "Python", "3.12", "handler.handle", "py", PYTHON_SAMPLE));

    public List<Runtime> all() {
        return RUNTIMES;
    }

    public Optional<Runtime> find(String name) {
        return RUNTIMES.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return RUNTIMES.stream().map(Runtime::name).toList();
    }

    static Map<String, Object> view(Runtime runtime) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", runtime.name());
        v.put("language", runtime.language());
        v.put("version", runtime.version());
        v.put("default_handler", runtime.defaultHandler());
        v.put("code_sample", runtime.codeSample());
        v.put("status", "available");
        v.put("status_message", "");
        v.put("extension", runtime.extension());
        v.put("implementation", "");
        v.put("logo_url", "");
        return v;
    }
}

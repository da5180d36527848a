package dev.stratus.api.function;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runtimes this platform really runs, each on its own interpreter; names and handlers follow Scaleway's
 * conventions. Node runtimes carry their pinned Node.js release in the image (builder-service fetches it), so
 * all three are always there. Python runtimes run the host's interpreter of exactly their version, so
 * {@code pythonXY} is listed only when {@code /usr/bin/python3.Y} is installed.
 */
@Singleton
public class RuntimeCatalog {
    private static final Pattern PYTHON_INTERPRETER = Pattern.compile("python3\\.(\\d{1,2})");
    private static final String NODE_SAMPLE = """
            module.exports.handle = (event, context, callback) => {
              return { statusCode: 200, body: "Hello from Stratus" };
            };
            """;
    private static final String PYTHON_SAMPLE = """
            def handle(event, context):
                return {"statusCode": 200, "body": "Hello from Stratus"}
            """;
    private static final List<Runtime> NODE = List.of(
            new Runtime("node20", "Node", "20", "handler.handle", "js", NODE_SAMPLE),
            new Runtime("node22", "Node", "22", "handler.handle", "js", NODE_SAMPLE),
            new Runtime("node24", "Node", "24", "handler.handle", "js", NODE_SAMPLE));
    private final List<Runtime> runtimes;

    @Inject
    public RuntimeCatalog() {
        this(Path.of("/usr/bin"));
    }

    /** @param interpreters the folder the machine's Python interpreters are in */
    RuntimeCatalog(Path interpreters) {
        List<Runtime> all = new ArrayList<>(NODE);
        all.addAll(python(interpreters));
        this.runtimes = List.copyOf(all);
    }

    private static List<Runtime> python(Path interpreters) {
        if (!Files.isDirectory(interpreters)) {
            return List.of();
        }
        try (var files = Files.list(interpreters)) {
            return files.filter(Files::isExecutable)
                    .map(file -> PYTHON_INTERPRETER.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1)))
                    .sorted(Comparator.naturalOrder())
                    .map(minor -> new Runtime("python3" + minor, "Python", "3." + minor, "handler.handle", "py",
                            PYTHON_SAMPLE))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Python interpreters in " + interpreters, e);
        }
    }

    public List<Runtime> all() {
        return runtimes;
    }

    public Optional<Runtime> find(String name) {
        return runtimes.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return runtimes.stream().map(Runtime::name).toList();
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

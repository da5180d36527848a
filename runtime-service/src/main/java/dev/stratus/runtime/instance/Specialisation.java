package dev.stratus.runtime.instance;

import dev.stratus.common.http.UpstreamResponse;
import dev.stratus.common.http.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a stem cell into an instance of one function: its code linked into the cell's (read-only inside) code
 * folder, the function's memory limit on the cell's cgroup, then {@code POST /__stratus/specialize} with the
 * handler and the exact environment an instance started from scratch would have. The wrapper loads the handler
 * as it would at start; one that does not load makes it print {@code STRATUS_HANDLER_ERROR} and exit as at start,
 * so the failure reads the same either way.
 */
final class Specialisation {
    static final String PATH = "/__stratus/specialize";
    private static final Logger LOG = LoggerFactory.getLogger(Specialisation.class);
    /* The pool gives up on a start by stopping the instance, which ends the exchange; this only bounds a lost one. */
    private static final long ANSWER_WITHIN_MILLIS = 3_600_000;

    private Specialisation() {
    }

    /** What can fail for reasons of the platform's, before the cell is committed to the function. */
    static void prepare(StemCell cell, InstanceSpec spec, String instanceId, Path socketDir,
                        Optional<MemoryCgroups> cgroups) throws IOException {
        CodeLinks.fill(spec.root().resolve(SandboxCommand.CODE_DIR), cell.codeDir());
        if (cgroups.isPresent()) {
            cgroups.get().setLimit(cell.process().processName(), spec.memoryLimitMb());
        }
        cell.process().becomeInstance(spec.functionId(), instanceId, socketDir, spec.memoryLimitMb());
    }

    /** Hands the function over once the cell listens; the instance is ready when the wrapper has loaded it. */
    static void send(ProcessInstance instance, InstanceSpec spec) {
        byte[] body = request(spec).getBytes(StandardCharsets.UTF_8);
        instance.listening().thenRun(() -> Thread.ofVirtual().name("specialise-" + instance.id())
                .start(() -> exchange(instance, body)));
    }

    private static void exchange(ProcessInstance instance, byte[] body) {
        try (HttpConnection connection = HttpConnection.open(instance.socket())) {
            UpstreamResponse response = connection.exchange("POST", PATH, List.of(Map.entry("Host", "fn"),
                    Map.entry("Content-Type", "application/json")), body, ANSWER_WITHIN_MILLIS);
            if (response.status() == 200) {
                instance.specialised();
                return;
            }
            if (response.status() != 422) { // 422: the handler does not load; the wrapper exits with the reason
                LOG.warn("Stem cell {} refused its function: {} {}", instance.processName(), response.status(),
                        new String(response.body(), StandardCharsets.UTF_8));
                instance.stop();
            }
        } catch (IOException e) {
            if (instance.alive()) {
                LOG.warn("Stem cell {} did not take its function: {}", instance.processName(), e.toString());
                instance.stop();
            } // else it ended, and its exit reason fails the start
        }
    }

    /** {@code {"handler": ..., "env": {...}}}; values are strings, so a small encoder does. */
    static String request(InstanceSpec spec) {
        Map<String, String> env = SandboxCommand.environment(spec);
        StringBuilder json = new StringBuilder(512).append('{');
        String handler = env.get("FN_HANDLER");
        if (handler != null) {
            quote(json.append("\"handler\":"), handler).append(',');
        }
        json.append("\"env\":{");
        String separator = "";
        for (var variable : env.entrySet()) {
            quote(json.append(separator), variable.getKey()).append(':');
            quote(json, variable.getValue());
            separator = ",";
        }
        return json.append("}}").toString();
    }

    private static StringBuilder quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}

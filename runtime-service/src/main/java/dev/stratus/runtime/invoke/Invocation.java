package dev.stratus.runtime.invoke;

import java.util.List;
import java.util.Map;

/** One call to a function, whatever it came from (HTTP, cron, trigger). */
public record Invocation(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {
}

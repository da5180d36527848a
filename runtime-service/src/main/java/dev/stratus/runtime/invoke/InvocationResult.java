package dev.stratus.runtime.invoke;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What a call produced: the function's response, or one the platform made for it (an error with a Scaleway-shaped
 * JSON body). {@code cold} tells whether the call waited for an instance to start.
 */
public record InvocationResult(int status, List<Map.Entry<String, String>> headers, byte[] body, boolean cold,
                               String instanceId) {

    public static InvocationResult platformError(int status, String type, String message) {
        String json = "{\"type\":\"" + escape(type) + "\",\"message\":\"" + escape(message) + "\"}";
        return new InvocationResult(status, List.of(Map.entry("Content-Type", "application/json")),
                json.getBytes(StandardCharsets.UTF_8), false, null);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}

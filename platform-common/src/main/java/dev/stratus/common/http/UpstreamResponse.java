package dev.stratus.common.http;

import java.util.List;
import java.util.Map;

/** An instance's answer; hop-by-hop headers are already removed. */
public record UpstreamResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {
}

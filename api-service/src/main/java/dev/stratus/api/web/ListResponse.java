package dev.stratus.api.web;

import io.micronaut.data.model.Page;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@code {"<items>": [...], "total_count": N}}: the array is always present, total_count counts every match. */
public final class ListResponse {

    public static <T> Map<String, Object> of(String key, Page<T> page, Function<T, Map<String, Object>> view) {
        return of(key, page.getContent().stream().map(view).toList(), page.getTotalSize());
    }

    public static Map<String, Object> of(String key, List<?> items, long totalCount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(key, items);
        body.put("total_count", totalCount);
        return body;
    }

    private ListResponse() {
    }
}

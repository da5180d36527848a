package dev.stratus.api.web;

import dev.stratus.api.error.ApiException;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpParameters;

import java.util.Map;

/**
 * {@code page} (from 1), {@code page_size} (1–100, default 20) and {@code order_by} of a list request,
 * turned into a {@link Pageable}. Each resource names the {@code order_by} values it accepts.
 */
public final class Paging {
    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;

    /** The usual order_by values of namespaces and functions. */
    public static final Map<String, Sort.Order> BY_CREATION_OR_NAME = Map.of(
            "created_at_asc", Sort.Order.asc("createdAt"),
            "created_at_desc", Sort.Order.desc("createdAt"),
            "name_asc", Sort.Order.asc("name"),
            "name_desc", Sort.Order.desc("name"));

    /** Crons, tokens and triggers are ordered by creation only. */
    public static final Map<String, Sort.Order> BY_CREATION = Map.of(
            "created_at_asc", Sort.Order.asc("createdAt"),
            "created_at_desc", Sort.Order.desc("createdAt"));

    public static Pageable from(HttpParameters query, Map<String, Sort.Order> orders) {
        int page = intParam(query, "page", 1, 1, Integer.MAX_VALUE);
        int size = intParam(query, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        String orderBy = QueryParams.optional(query, "order_by").orElse("created_at_asc");
        Sort.Order order = orders.get(orderBy);
        if (order == null) {
            throw ApiException.invalidArgument("order_by", "constraint",
                    "must be one of " + String.join(", ", orders.keySet().stream().sorted().toList()));
        }
        // id breaks ties between rows created in the same microsecond, so pages never overlap
        return Pageable.from(page - 1, size, Sort.of(order, Sort.Order.asc("id")));
    }

    private static int intParam(HttpParameters query, String name, int fallback, int min, int max) {
        String raw = QueryParams.optional(query, name).orElse(null);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw ApiException.invalidArgument(name, "constraint", "must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.invalidArgument(name, "format", "must be an integer");
        }
    }

    private Paging() {
    }
}

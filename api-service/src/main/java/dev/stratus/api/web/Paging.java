package dev.stratus.api.web;

import dev.stratus.api.error.ApiException;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpParameters;

import java.util.Map;
import java.util.function.Supplier;

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

    /** Function logs and invocations: the newest first unless asked otherwise. */
    public static final String TIMESTAMP_DESC = "timestamp_desc";
    public static final Map<String, Sort> BY_TIMESTAMP = Map.of(
            // seq follows the write order, so rows with the same timestamp keep the order they were written in
            TIMESTAMP_DESC, Sort.of(Sort.Order.desc("timestamp"), Sort.Order.desc("seq")),
            "timestamp_asc", Sort.of(Sort.Order.asc("timestamp"), Sort.Order.asc("seq")));

    public static Pageable from(HttpParameters query, Map<String, Sort.Order> orders) {
        // id breaks ties between rows created in the same microsecond, so pages never overlap
        return page(query, () -> Sort.of(orderBy(query, orders, "created_at_asc"), Sort.Order.asc("id")));
    }

    /** With sorts that carry their own tie-breakers, and the order used when the request names none. */
    public static Pageable from(HttpParameters query, Map<String, Sort> sorts, String defaultOrderBy) {
        return page(query, () -> orderBy(query, sorts, defaultOrderBy));
    }

    private static Pageable page(HttpParameters query, Supplier<Sort> sort) {
        int page = intParam(query, "page", 1, 1, Integer.MAX_VALUE);
        int size = intParam(query, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        return Pageable.from(page - 1, size, sort.get());
    }

    private static <T> T orderBy(HttpParameters query, Map<String, T> choices, String fallback) {
        String orderBy = QueryParams.optional(query, "order_by").orElse(fallback);
        T choice = choices.get(orderBy);
        if (choice == null) {
            throw ApiException.invalidArgument("order_by", "constraint",
                    "must be one of " + String.join(", ", choices.keySet().stream().sorted().toList()));
        }
        return choice;
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
            // digits that overflow an int are a number out of range, not a malformed one
            throw raw.matches("[+-]?\\d+")
                    ? ApiException.invalidArgument(name, "constraint", "must be between " + min + " and " + max)
                    : ApiException.invalidArgument(name, "format", "must be an integer");
        }
    }

    private Paging() {
    }
}

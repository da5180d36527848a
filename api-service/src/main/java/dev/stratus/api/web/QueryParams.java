package dev.stratus.api.web;

import dev.stratus.api.auth.ApiKeys;
import dev.stratus.api.error.ApiException;
import io.micronaut.http.HttpParameters;

import java.util.Optional;

/** Query parameters as Go clients send them: an empty value ({@code namespace_id=}) means absent. */
public final class QueryParams {

    public static Optional<String> optional(HttpParameters query, String name) {
        return Optional.ofNullable(query.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** An optional id filter; a value that is not a UUID cannot match anything and is refused. */
    public static Optional<String> optionalId(HttpParameters query, String name) {
        return optional(query, name).map(v -> {
            if (!ApiKeys.isUuid(v)) {
                throw ApiException.invalidArgument(name, "format", "must be a UUID");
            }
            return v.toLowerCase();
        });
    }

    public static String requiredId(HttpParameters query, String name) {
        return optionalId(query, name).orElseThrow(() ->
                ApiException.invalidArgument(name, "required", "is required"));
    }

    private QueryParams() {
    }
}

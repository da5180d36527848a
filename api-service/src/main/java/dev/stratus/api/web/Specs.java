package dev.stratus.api.web;

import dev.stratus.api.auth.Scope;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;

import java.util.Optional;

/** Small building blocks for list filters: everything is scoped to the caller's project and region. */
public final class Specs {

    public static <T> PredicateSpecification<T> inScope(Scope scope) {
        return Specs.<T>equal("projectId", scope.projectId()).and(equal("region", scope.region()));
    }

    public static <T> PredicateSpecification<T> equal(String property, Object value) {
        return (root, cb) -> cb.equal(root.get(property), value);
    }

    /** Adds an equality filter only when the client sent the parameter. */
    public static <T> PredicateSpecification<T> and(PredicateSpecification<T> spec, String property,
                                                    Optional<String> value) {
        return value.map(v -> spec.and(Specs.<T>equal(property, v))).orElse(spec);
    }

    private Specs() {
    }
}

package dev.stratus.api.web;

import dev.stratus.api.auth.Scope;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;

import java.util.Optional;

/** Small building blocks for list filters: everything is scoped to the caller's project and region. */
public final class Specs {

    /**
     * The region, the key's projects, and the project the client named ({@code project_id}), if it named one it
     * may see (else permissions_denied).
     */
    public static <T> PredicateSpecification<T> inScope(Scope scope, Optional<String> requestedProject) {
        requestedProject.ifPresent(scope::checkProject);
        PredicateSpecification<T> spec = equal("region", scope.region());
        if (requestedProject.isPresent()) {
            return spec.and(equal("projectId", requestedProject.get().toLowerCase()));
        }
        return scope.allProjects() ? spec : spec.and((root, cb) -> root.get("projectId").in(scope.projects()));
    }

    public static <T> PredicateSpecification<T> inScope(Scope scope) {
        return inScope(scope, Optional.empty());
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

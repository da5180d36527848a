package dev.stratus.api.domain;

import dev.stratus.api.auth.Scope;
import dev.stratus.api.web.ListResponse;
import dev.stratus.api.web.Paging;
import dev.stratus.api.web.QueryParams;
import dev.stratus.api.web.RequestFields;
import dev.stratus.api.web.Specs;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.LinkedHashMap;
import java.util.Map;

@Controller("/functions/v1beta1/regions/{region}/domains")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DomainController {
    private static final Map<String, Sort.Order> ORDERS = Map.of(
            "created_at_asc", Sort.Order.asc("createdAt"),
            "created_at_desc", Sort.Order.desc("createdAt"),
            "hostname_asc", Sort.Order.asc("hostname"),
            "hostname_desc", Sort.Order.desc("hostname"));
    private final DomainService service;

    public DomainController(DomainService service) {
        this.service = service;
    }

    @Get
    public Map<String, Object> list(HttpRequest<?> request, @RequestAttribute(Scope.ATTRIBUTE) Scope scope) {
        var query = request.getParameters();
        var filter = Specs.<Domain>inScope(scope).and(Specs.equal("functionId", QueryParams.requiredId(query, "function_id")));
        return ListResponse.of("domains", service.list(filter, Paging.from(query, ORDERS)), DomainController::view);
    }

    @Get("/{domainId}")
    public Map<String, Object> get(@RequestAttribute(Scope.ATTRIBUTE) Scope scope, @PathVariable String domainId) {
        return view(service.get(scope, domainId));
    }

    @Post
    public Map<String, Object> create(@RequestAttribute(Scope.ATTRIBUTE) Scope scope, @Nullable @Body JsonNode body) {
        return view(service.create(scope, new RequestFields(body)));
    }

    @Delete("/{domainId}")
    public Map<String, Object> delete(@RequestAttribute(Scope.ATTRIBUTE) Scope scope, @PathVariable String domainId) {
        return view(service.delete(scope, domainId));
    }

    /** A domain as Scaleway's clients read it (API reference §3.5). */
    static Map<String, Object> view(Domain domain) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", domain.getId());
        v.put("hostname", domain.getHostname());
        v.put("function_id", domain.getFunctionId());
        v.put("url", domain.getUrl());
        v.put("status", domain.getStatus());
        v.put("error_message", domain.getErrorMessage());
        return v;
    }
}

package dev.stratus.api.function;

import dev.stratus.api.auth.Scope;
import dev.stratus.api.web.ListResponse;
import dev.stratus.api.web.Paging;
import dev.stratus.api.web.QueryParams;
import dev.stratus.api.web.RequestFields;
import dev.stratus.api.web.Specs;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpParameters;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Map;
import java.util.Optional;

@Controller("/functions/v1beta1/regions/{region}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class FunctionController {
    private final FunctionService service;
    private final RuntimeCatalog runtimes;

    public FunctionController(FunctionService service, RuntimeCatalog runtimes) {
        this.service = service;
        this.runtimes = runtimes;
    }

    @Get("/runtimes")
    public Map<String, Object> runtimes() {
        return ListResponse.of("runtimes", runtimes.all().stream().map(RuntimeCatalog::view).toList(),
                runtimes.all().size());
    }

    @Get("/functions")
    public Map<String, Object> list(HttpRequest<?> request, @RequestAttribute(Scope.ATTRIBUTE) Scope scope) {
        var query = request.getParameters();
        return list(scope, query, QueryParams.optionalId(query, "namespace_id"));
    }

    /** The Serverless plugin's older route: the functions of one namespace. */
    @Get("/namespaces/{namespaceId}/functions")
    public Map<String, Object> listInNamespace(HttpRequest<?> request, @RequestAttribute(Scope.ATTRIBUTE) Scope scope,
                                               @PathVariable String namespaceId) {
        return list(scope, request.getParameters(), Optional.of(namespaceId.toLowerCase()));
    }

    private Map<String, Object> list(Scope scope, HttpParameters query, Optional<String> namespaceId) {
        QueryParams.optional(query, "organization_id").ifPresent(scope::checkOrganization);
        var inScope = Specs.<Function>inScope(scope, QueryParams.optional(query, "project_id"));
        var filter = Specs.and(Specs.and(inScope, "namespaceId", namespaceId),
                "name", QueryParams.optional(query, "name"));
        var page = service.list(filter, Paging.from(query, Paging.BY_CREATION_OR_NAME));
        return ListResponse.of("functions", page, FunctionView::of);
    }

    @Get("/functions/{functionId}")
    public Map<String, Object> get(@RequestAttribute(Scope.ATTRIBUTE) Scope scope, @PathVariable String functionId) {
        return FunctionView.of(service.get(scope, functionId));
    }

    @Post("/functions")
    public Map<String, Object> create(@RequestAttribute(Scope.ATTRIBUTE) Scope scope, @Nullable @Body JsonNode body) {
        return FunctionView.of(service.create(scope, new RequestFields(body)));
    }

    @Patch("/functions/{functionId}")
    public Map<String, Object> update(@RequestAttribute(Scope.ATTRIBUTE) Scope scope, @PathVariable String functionId,
                                      @Nullable @Body JsonNode body) {
        return FunctionView.of(service.update(scope, functionId, new RequestFields(body)));
    }

    @Post("/functions/{functionId}/deploy")
    public Map<String, Object> deploy(@RequestAttribute(Scope.ATTRIBUTE) Scope scope, @PathVariable String functionId,
                                      @Nullable @Body JsonNode body) {
        return FunctionView.of(service.deploy(scope, functionId));
    }

    @Delete("/functions/{functionId}")
    public Map<String, Object> delete(@RequestAttribute(Scope.ATTRIBUTE) Scope scope, @PathVariable String functionId) {
        return FunctionView.of(service.delete(scope, functionId));
    }
}

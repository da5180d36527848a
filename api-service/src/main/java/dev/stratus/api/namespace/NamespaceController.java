package dev.stratus.api.namespace;

import dev.stratus.api.auth.Scope;
import dev.stratus.api.web.ListResponse;
import dev.stratus.api.web.Paging;
import dev.stratus.api.web.QueryParams;
import dev.stratus.api.web.RequestFields;
import dev.stratus.api.web.Specs;
import io.micronaut.core.annotation.Nullable;
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

@Controller("/functions/v1beta1/regions/{region}/namespaces")
@ExecuteOn(TaskExecutors.BLOCKING)
public class NamespaceController {
    private final NamespaceService service;

    public NamespaceController(NamespaceService service) {
        this.service = service;
    }

    @Get
    public Map<String, Object> list(HttpRequest<?> request, @RequestAttribute(Scope.ATTRIBUTE) Scope scope) {
        var query = request.getParameters();
        QueryParams.optional(query, "organization_id").ifPresent(scope::checkOrganization);
        var inScope = Specs.<Namespace>inScope(scope, QueryParams.optional(query, "project_id"));
        var filter = Specs.and(inScope, "name", QueryParams.optional(query, "name"));
        var page = service.list(filter, Paging.from(query, Paging.BY_CREATION_OR_NAME));
        return ListResponse.of("namespaces", page, NamespaceView::of);
    }

    @Get("/{namespaceId}")
    public Map<String, Object> get(@RequestAttribute(Scope.ATTRIBUTE) Scope scope, @PathVariable String namespaceId) {
        return NamespaceView.of(service.get(scope, namespaceId));
    }

    @Post
    public Map<String, Object> create(@RequestAttribute(Scope.ATTRIBUTE) Scope scope, @Nullable @Body JsonNode body) {
        return NamespaceView.of(service.create(scope, new RequestFields(body)));
    }

    @Patch("/{namespaceId}")
    public Map<String, Object> update(@RequestAttribute(Scope.ATTRIBUTE) Scope scope, @PathVariable String namespaceId,
                                      @Nullable @Body JsonNode body) {
        return NamespaceView.of(service.update(scope, namespaceId, new RequestFields(body)));
    }

    @Delete("/{namespaceId}")
    public Map<String, Object> delete(@RequestAttribute(Scope.ATTRIBUTE) Scope scope, @PathVariable String namespaceId) {
        return NamespaceView.of(service.delete(scope, namespaceId));
    }
}

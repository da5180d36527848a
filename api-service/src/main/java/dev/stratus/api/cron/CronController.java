package dev.stratus.api.cron;

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

@Controller("/functions/v1beta1/regions/{region}/crons")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CronController {
    private final CronService service;

    public CronController(CronService service) {
        this.service = service;
    }

    @Get
    public Map<String, Object> list(HttpRequest<?> request, @RequestAttribute(Scope.ATTRIBUTE) Scope scope) {
        var query = request.getParameters();
        var filter = Specs.<Cron>inScope(scope).and(Specs.equal("functionId", QueryParams.requiredId(query, "function_id")));
        var page = service.list(filter, Paging.from(query, Paging.BY_CREATION));
        return ListResponse.of("crons", page, service::view);
    }

    @Get("/{cronId}")
    public Map<String, Object> get(@RequestAttribute(Scope.ATTRIBUTE) Scope scope, @PathVariable String cronId) {
        return service.view(service.get(scope, cronId));
    }

    @Post
    public Map<String, Object> create(@RequestAttribute(Scope.ATTRIBUTE) Scope scope, @Nullable @Body JsonNode body) {
        return service.view(service.create(scope, new RequestFields(body)));
    }

    @Patch("/{cronId}")
    public Map<String, Object> update(@RequestAttribute(Scope.ATTRIBUTE) Scope scope, @PathVariable String cronId,
                                      @Nullable @Body JsonNode body) {
        return service.view(service.update(scope, cronId, new RequestFields(body)));
    }

    @Delete("/{cronId}")
    public Map<String, Object> delete(@RequestAttribute(Scope.ATTRIBUTE) Scope scope, @PathVariable String cronId) {
        return service.view(service.delete(scope, cronId));
    }
}

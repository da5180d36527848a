package dev.stratus.api.trigger;

import dev.stratus.api.auth.Scope;
import dev.stratus.api.error.ApiException;
import dev.stratus.api.function.FunctionService;
import dev.stratus.api.web.ListResponse;
import dev.stratus.api.web.Paging;
import dev.stratus.api.web.QueryParams;
import dev.stratus.api.web.RequestFields;
import dev.stratus.api.web.Specs;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Controller("/functions/v1beta1/regions/{region}/triggers")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TriggerController {
    private final TriggerService service;
    private final FunctionService functions;

    public TriggerController(TriggerService service, FunctionService functions) {
        this.service = service;
        this.functions = functions;
    }

    @Get
    public Map<String, Object> list(HttpRequest<?> request, @RequestAttribute(Scope.ATTRIBUTE) Scope scope) {
        var query = request.getParameters();
        return ListResponse.of("triggers", service.list(filter(scope, query), Paging.from(query, Paging.BY_CREATION)),
                this::view);
    }

    /** Exactly one of function_id, namespace_id and project_id, as both SDKs send it. */
    private PredicateSpecification<Trigger> filter(Scope scope, HttpParameters query) {
        Optional<String> functionId = QueryParams.optionalId(query, "function_id");
        Optional<String> namespaceId = QueryParams.optionalId(query, "namespace_id");
        Optional<String> projectId = QueryParams.optionalId(query, "project_id");
        long given = List.of(functionId, namespaceId, projectId).stream().filter(Optional::isPresent).count();
        if (given != 1) {
            throw ApiException.invalidArgument("function_id", "constraint",
                    "exactly one of function_id, namespace_id and project_id is required");
        }
        PredicateSpecification<Trigger> spec = Specs.and(Specs.inScope(scope, projectId), "functionId", functionId);
        if (namespaceId.isPresent()) {
            List<String> ids = functions.idsInNamespace(scope, namespaceId.get());
            spec = spec.and((root, cb) -> ids.isEmpty() ? cb.disjunction() : root.get("functionId").in(ids));
        }
        return spec;
    }

    @Get("/{triggerId}")
    public Map<String, Object> get(@RequestAttribute(Scope.ATTRIBUTE) Scope scope, @PathVariable String triggerId) {
        return view(service.get(scope, triggerId));
    }

    @Post
    public Map<String, Object> create(@RequestAttribute(Scope.ATTRIBUTE) Scope scope, @Nullable @Body JsonNode body) {
        return view(service.create(scope, new RequestFields(body)));
    }

    @Patch("/{triggerId}")
    public Map<String, Object> update(@RequestAttribute(Scope.ATTRIBUTE) Scope scope, @PathVariable String triggerId,
                                      @Nullable @Body JsonNode body) {
        return view(service.update(scope, triggerId, new RequestFields(body)));
    }

    @Delete("/{triggerId}")
    public Map<String, Object> delete(@RequestAttribute(Scope.ATTRIBUTE) Scope scope, @PathVariable String triggerId) {
        return view(service.delete(scope, triggerId));
    }

    /** A trigger as Scaleway's clients read it (API reference §3.9); only its own input's config is set. */
    private Map<String, Object> view(Trigger trigger) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", trigger.getId());
        v.put("name", trigger.getName());
        v.put("description", trigger.getDescription());
        v.put("function_id", trigger.getFunctionId());
        v.put("input_type", trigger.getInputType());
        v.put("status", trigger.getStatus());
        v.put("error_message", trigger.getErrorMessage());
        TriggerInput input = TriggerInput.byType(trigger.getInputType()).orElseThrow();
        for (TriggerInput each : List.of(TriggerInput.SCW_SQS, TriggerInput.SCW_NATS, TriggerInput.SQS)) {
            v.put(each.configKey, null);
        }
        Map<String, Object> config = new LinkedHashMap<>(service.config(trigger));
        config.computeIfPresent(TriggerInput.SECRET_FIELD, (k, value) -> "");
        if (input == TriggerInput.SCW_SQS || input == TriggerInput.SCW_NATS) {
            config.put("mnq_credential_id", null);
        }
        v.put(input.configKey, config);
        return v;
    }
}

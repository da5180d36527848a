package dev.stratus.api.invocation;

import dev.stratus.api.auth.Scope;
import dev.stratus.api.function.Function;
import dev.stratus.api.function.FunctionService;
import dev.stratus.api.web.ListResponse;
import dev.stratus.api.web.Paging;
import dev.stratus.api.web.Times;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Stratus extension, not in Scaleway's API: the newest calls of a function (the last 1,000 are kept), with
 * where each came from ({@code http}, {@code cron}, {@code trigger}), the status answered, how long it took and
 * whether an instance had to start for it. Paged and ordered like the logs.
 */
@Controller("/functions/v1beta1/regions/{region}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class InvocationController {
    private final FunctionService functions;
    private final InvocationRepository repository;

    public InvocationController(FunctionService functions, InvocationRepository repository) {
        this.functions = functions;
        this.repository = repository;
    }

    @Get("/functions/{functionId}/invocations")
    public Map<String, Object> list(HttpRequest<?> request, @RequestAttribute(Scope.ATTRIBUTE) Scope scope,
                                    @PathVariable String functionId) {
        Function fn = functions.get(scope, functionId);
        var pageable = Paging.from(request.getParameters(), Paging.BY_TIMESTAMP, Paging.TIMESTAMP_DESC);
        return ListResponse.of("invocations", repository.findByFunctionId(fn.getId(), pageable),
                InvocationController::view);
    }

    static Map<String, Object> view(Invocation call) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", call.id());
        view.put("function_id", call.functionId());
        view.put("revision", call.revision());
        view.put("source", call.source());
        view.put("status", call.status());
        view.put("duration_ms", call.durationMicros() / 1_000.0);
        view.put("cold", call.cold());
        view.put("instance_id", call.instanceId());
        view.put("timestamp", Times.format(call.timestamp()));
        return view;
    }
}

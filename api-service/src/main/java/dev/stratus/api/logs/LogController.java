package dev.stratus.api.logs;

import dev.stratus.api.auth.Scope;
import dev.stratus.api.function.Function;
import dev.stratus.api.function.FunctionService;
import dev.stratus.api.web.ListResponse;
import dev.stratus.api.web.Paging;
import dev.stratus.api.web.Times;
import dev.stratus.common.event.FunctionLogLines;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.LinkedHashMap;
import java.util.Map;

/** A function's newest output lines, in Scaleway's log shape: stderr lines are errors, stdout lines info. */
@Controller("/functions/v1beta1/regions/{region}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class LogController {
    private final FunctionService functions;
    private final FunctionLogRepository repository;

    public LogController(FunctionService functions, FunctionLogRepository repository) {
        this.functions = functions;
        this.repository = repository;
    }

    @Get("/functions/{functionId}/logs")
    public Map<String, Object> list(HttpRequest<?> request, @RequestAttribute(Scope.ATTRIBUTE) Scope scope,
                                    @PathVariable String functionId) {
        Function fn = functions.get(scope, functionId);
        var pageable = Paging.from(request.getParameters(), Paging.BY_TIMESTAMP, Paging.TIMESTAMP_DESC);
        return ListResponse.of("logs", repository.findByFunctionId(fn.getId(), pageable), LogController::view);
    }

    static Map<String, Object> view(FunctionLog log) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", log.id());
        view.put("message", log.message());
        view.put("timestamp", Times.format(log.timestamp()));
        view.put("level", FunctionLogLines.STDERR.equals(log.stream()) ? "error" : "info");
        view.put("source", log.instanceId() == null ? "" : log.instanceId());
        view.put("stream", log.stream());
        return view;
    }
}

package dev.stratus.api.cron;

import dev.stratus.api.auth.Scope;
import dev.stratus.api.error.ApiException;
import dev.stratus.api.function.Function;
import dev.stratus.api.function.FunctionService;
import dev.stratus.api.web.JsonText;
import dev.stratus.api.web.RequestFields;
import dev.stratus.api.web.Times;
import dev.stratus.common.Ids;
import dev.stratus.common.cron.CronSchedule;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;

/**
 * Cron CRUD. A cron stays {@code pending} until the scheduler reports it armed: the API stores and publishes
 * it, but only the scheduler can say it will fire.
 */
@Singleton
public class CronService {
    static final String PENDING = "pending";
    static final String DELETING = "deleting";
    private static final int MAX_ARGS_BYTES = 65_536;

    private final CronRepository repository;
    private final CronEvents events;
    private final FunctionService functions;
    private final JsonText json;

    public CronService(CronRepository repository, CronEvents events, FunctionService functions, JsonText json) {
        this.repository = repository;
        this.events = events;
        this.functions = functions;
        this.json = json;
    }

    public Cron get(Scope scope, String id) {
        return scope.visible(repository.findById(id))
                .orElseThrow(() -> ApiException.notFound("cron", id));
    }

    public Page<Cron> list(PredicateSpecification<Cron> filter, Pageable pageable) {
        return repository.findAll(filter, pageable);
    }

    @Transactional
    public Cron create(Scope scope, RequestFields fields) {
        fields.require("function_id");
        fields.require("schedule");
        Cron cron = new Cron();
        cron.setId(Ids.newId());
        cron.setArgsJson("{}");
        applyFields(fields, cron);
        fields.throwIfInvalid();
        Function fn = functions.get(scope, fields.string("function_id").orElseThrow().toLowerCase());
        cron.setFunctionId(fn.getId());
        cron.setProjectId(fn.getProjectId());
        cron.setRegion(scope.region());
        if (cron.getName() == null) {
            cron.setName("cron-" + cron.getId());
        }
        cron.setStatus(PENDING);
        cron.setCreatedAt(Times.now());
        cron.setUpdatedAt(cron.getCreatedAt());
        repository.save(cron);
        events.changed(cron);
        return cron;
    }

    @Transactional
    public Cron update(Scope scope, String id, RequestFields fields) {
        Cron cron = get(scope, id);
        applyFields(fields, cron);
        fields.throwIfInvalid();
        fields.string("function_id").ifPresent(fnId -> cron.setFunctionId(functions.get(scope, fnId.toLowerCase()).getId()));
        cron.setStatus(PENDING);
        cron.setUpdatedAt(Times.now());
        repository.update(cron);
        events.changed(cron);
        return cron;
    }

    @Transactional
    public Cron delete(Scope scope, String id) {
        Cron cron = get(scope, id);
        events.deleted(cron);
        repository.delete(cron);
        cron.setStatus(DELETING);
        return cron;
    }

    private void applyFields(RequestFields fields, Cron cron) {
        fields.string("schedule", 255).ifPresent(schedule -> {
            CronSchedule.problemWith(schedule).ifPresent(problem -> fields.reject("schedule", "format", problem));
            cron.setSchedule(schedule.trim());
        });
        fields.string("name", 255).ifPresent(name -> {
            if (name.isBlank()) {
                fields.reject("name", "constraint", "must not be blank");
            }
            cron.setName(name);
        });
        Optional<JsonNode> args = fields.node("args");
        args.ifPresent(node -> {
            if (!node.isObject()) {
                fields.reject("args", "format", "must be a JSON object");
                return;
            }
            String text = json.write(node);
            if (text.length() > MAX_ARGS_BYTES) {
                fields.reject("args", "constraint", "must be at most " + MAX_ARGS_BYTES + " bytes of JSON");
            }
            cron.setArgsJson(text);
        });
    }

    Map<String, Object> view(Cron cron) {
        return CronView.of(cron, json.read(cron.getArgsJson()));
    }
}

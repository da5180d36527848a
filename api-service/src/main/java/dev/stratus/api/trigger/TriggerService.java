package dev.stratus.api.trigger;

import dev.stratus.api.auth.Scope;
import dev.stratus.api.error.ApiException;
import dev.stratus.api.function.Function;
import dev.stratus.api.function.FunctionService;
import dev.stratus.api.persistence.StringMapConverter;
import dev.stratus.common.secret.SecretCipher;
import dev.stratus.api.web.RequestFields;
import dev.stratus.api.web.Times;
import dev.stratus.common.Ids;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trigger CRUD. A trigger is {@code creating} until trigger-service reports its consumer running
 * ({@code ready}) or failing ({@code error}, e.g. broker unreachable).
 */
@Singleton
public class TriggerService {
    private final TriggerRepository repository;
    private final TriggerEvents events;
    private final FunctionService functions;
    private final SecretCipher cipher;
    private final StringMapConverter configColumn;

    public TriggerService(TriggerRepository repository, TriggerEvents events, FunctionService functions,
                          SecretCipher cipher, StringMapConverter configColumn) {
        this.repository = repository;
        this.events = events;
        this.functions = functions;
        this.cipher = cipher;
        this.configColumn = configColumn;
    }

    public Trigger get(Scope scope, String id) {
        return scope.visible(repository.findById(id))
                .orElseThrow(() -> ApiException.notFound("trigger", id));
    }

    public Page<Trigger> list(PredicateSpecification<Trigger> filter, Pageable pageable) {
        return repository.findAll(filter, pageable);
    }

    @Transactional
    public Trigger create(Scope scope, RequestFields fields) {
        fields.require("name");
        fields.require("function_id");
        Trigger trigger = new Trigger();
        trigger.setDescription("");
        applyNameAndDescription(fields, trigger);
        List<TriggerInput> given = List.of(TriggerInput.values()).stream().filter(i -> fields.has(i.configKey)).toList();
        if (given.size() != 1) {
            fields.reject("input", "constraint", "exactly one of " + String.join(", ",
                    List.of(TriggerInput.values()).stream().map(i -> i.configKey).toList()) + " is required");
        }
        Map<String, String> config = given.size() == 1 ? readConfig(fields, given.get(0)) : Map.of();
        fields.throwIfInvalid();
        Function fn = functions.get(scope, fields.string("function_id").orElseThrow().toLowerCase());
        trigger.setId(Ids.newId());
        trigger.setFunctionId(fn.getId());
        trigger.setProjectId(fn.getProjectId());
        trigger.setRegion(scope.region());
        trigger.setInputType(given.get(0).inputType);
        trigger.setConfigJson(configColumn.convertToPersistedValue(config, null));
        trigger.setStatus("creating");
        trigger.setCreatedAt(Times.now());
        trigger.setUpdatedAt(trigger.getCreatedAt());
        repository.save(trigger);
        events.changed(trigger);
        return trigger;
    }

    /** Name, description and, for SQS, the credentials can change; the input itself cannot. */
    @Transactional
    public Trigger update(Scope scope, String id, RequestFields fields) {
        // locked, so that a status report arriving meanwhile is not overwritten with the one read here
        Trigger trigger = repository.findByIdForUpdate(id)
                .filter(scope::sees)
                .orElseThrow(() -> ApiException.notFound("trigger", id));
        applyNameAndDescription(fields, trigger);
        var credentials = fields.object("sqs_config");
        if (credentials.isPresent() && !trigger.getInputType().equals(TriggerInput.SQS.inputType)) {
            fields.reject("sqs_config", "constraint", "only sqs triggers have credentials to update");
        }
        Map<String, String> config = new LinkedHashMap<>(config(trigger));
        credentials.ifPresent(c -> {
            c.string("access_key", 255).ifPresent(v -> config.put("access_key", v));
            c.string(TriggerInput.SECRET_FIELD, 255).ifPresent(v -> config.put(TriggerInput.SECRET_FIELD, cipher.encrypt(v)));
            fields.absorb("sqs_config", c);
        });
        fields.throwIfInvalid();
        trigger.setConfigJson(configColumn.convertToPersistedValue(config, null));
        trigger.setUpdatedAt(Times.now());
        repository.update(trigger);
        events.changed(trigger);
        return trigger;
    }

    @Transactional
    public Trigger delete(Scope scope, String id) {
        Trigger trigger = get(scope, id);
        events.deleted(trigger);
        repository.delete(trigger);
        trigger.setStatus("deleting");
        return trigger;
    }

    Map<String, String> config(Trigger trigger) {
        return configColumn.convertToEntityValue(trigger.getConfigJson(), null);
    }

    private Map<String, String> readConfig(RequestFields fields, TriggerInput input) {
        return fields.object(input.configKey).map(c -> {
            Map<String, String> values = new LinkedHashMap<>(input.read(fields, c));
            if (input == TriggerInput.KAFKA) {
                KafkaTriggerRules.check(fields, input.configKey, values);
            }
            values.computeIfPresent(TriggerInput.SECRET_FIELD, (k, v) -> cipher.encrypt(v));
            return values;
        }).orElse(Map.of());
    }

    private static void applyNameAndDescription(RequestFields fields, Trigger trigger) {
        fields.string("name", 50).ifPresent(name -> {
            if (name.isBlank()) {
                fields.reject("name", "constraint", "must not be empty");
            }
            trigger.setName(name);
        });
        fields.string("description", 255).ifPresent(trigger::setDescription);
    }
}

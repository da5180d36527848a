package dev.stratus.api.namespace;

import dev.stratus.api.auth.Scope;
import dev.stratus.api.error.ApiException;
import dev.stratus.api.function.FunctionRemoval;
import dev.stratus.api.secret.EnvironmentFields;
import dev.stratus.api.secret.SecretStore;
import dev.stratus.api.web.Names;
import dev.stratus.api.web.RequestFields;
import dev.stratus.api.web.Times;
import dev.stratus.common.Ids;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.List;

/** Namespace lifecycle. A namespace is ready as soon as it exists: its registry path needs no provisioning. */
@Singleton
public class NamespaceService {
    public static final String READY = "ready";
    public static final String DELETING = "deleting";
    static final int MAX_DESCRIPTION = 255;

    private final NamespaceRepository repository;
    private final NamespaceEvents events;
    private final SecretStore secrets;
    private final FunctionRemoval functionRemoval;
    private final String registryEndpoint;

    public NamespaceService(NamespaceRepository repository, NamespaceEvents events, SecretStore secrets,
                            FunctionRemoval functionRemoval,
                            @Value("${stratus.registry.endpoint}") String registryEndpoint) {
        this.repository = repository;
        this.events = events;
        this.secrets = secrets;
        this.functionRemoval = functionRemoval;
        this.registryEndpoint = registryEndpoint;
    }

    public Namespace get(Scope scope, String id) {
        return scope.visible(repository.findById(id))
                .orElseThrow(() -> ApiException.notFound("namespace", id));
    }

    /** For features that already hold a namespace id from a row of the same project. */
    public Namespace getById(String id) {
        return repository.findById(id).orElseThrow(() -> ApiException.notFound("namespace", id));
    }

    public Page<Namespace> list(PredicateSpecification<Namespace> filter, Pageable pageable) {
        return repository.findAll(filter, pageable);
    }

    @Transactional
    public Namespace create(Scope scope, RequestFields fields) {
        fields.require("name");
        String name = fields.string("name").orElse("");
        if (!name.isEmpty()) {
            Names.check(fields, "name", name);
        }
        String projectId = scope.projectFor(fields.string("project_id"));
        String description = fields.string("description", MAX_DESCRIPTION).orElse("");
        var variables = EnvironmentFields.variables(fields).orElse(java.util.Map.of());
        var secretChanges = EnvironmentFields.secrets(fields).orElse(List.of());
        var tags = fields.stringList("tags").orElse(List.of());
        fields.throwIfInvalid();
        if (repository.existsByProjectIdAndRegionAndName(projectId, scope.region(), name)) {
            throw ApiException.alreadyExists("namespace", name, "a namespace named " + name + " already exists");
        }
        Namespace ns = new Namespace();
        ns.setId(Ids.newId());
        ns.setProjectId(projectId);
        ns.setOrganizationId(scope.organizationId());
        ns.setRegion(scope.region());
        ns.setName(name);
        ns.setDescription(description);
        ns.setEnvironmentVariables(variables);
        ns.setSecretEnvironmentVariables(secrets.apply(List.of(), secretChanges));
        ns.setTags(tags);
        ns.setStatus(READY);
        ns.setRegistryNamespaceId(ns.getId());
        ns.setRegistryEndpoint(registryEndpoint + "/funcscw" + name.replace("-", "") + Names.randomSuffix(8));
        ns.setCreatedAt(Times.now());
        ns.setUpdatedAt(ns.getCreatedAt());
        repository.save(ns);
        events.changed(ns);
        return ns;
    }

    @Transactional
    public Namespace update(Scope scope, String id, RequestFields fields) {
        var description = fields.string("description", MAX_DESCRIPTION);
        var variables = EnvironmentFields.variables(fields);
        var secretChanges = EnvironmentFields.secrets(fields);
        var tags = fields.stringList("tags");
        fields.throwIfInvalid();
        Namespace ns = get(scope, id);
        description.ifPresent(ns::setDescription);
        variables.ifPresent(ns::setEnvironmentVariables);
        secretChanges.ifPresent(c -> ns.setSecretEnvironmentVariables(secrets.apply(ns.getSecretEnvironmentVariables(), c)));
        tags.ifPresent(ns::setTags);
        ns.setUpdatedAt(Times.now());
        repository.update(ns);
        events.changed(ns);
        return ns;
    }

    /** Deletes the namespace and everything in it; each removed resource gets its tombstone. */
    @Transactional
    public Namespace delete(Scope scope, String id) {
        Namespace ns = get(scope, id);
        functionRemoval.removeNamespaceContents(ns.getId());
        events.deleted(ns);
        repository.delete(ns);
        ns.setStatus(DELETING);
        return ns;
    }

    /** Saves a namespace changed by another feature (the token key) and republishes it. */
    @Transactional
    public void save(Namespace ns) {
        ns.setUpdatedAt(Times.now());
        repository.update(ns);
        events.changed(ns);
    }
}

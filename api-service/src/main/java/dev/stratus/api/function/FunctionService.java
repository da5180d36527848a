package dev.stratus.api.function;

import dev.stratus.api.auth.Scope;
import dev.stratus.common.store.CodeArchives;
import dev.stratus.api.error.ApiException;
import dev.stratus.api.namespace.Namespace;
import dev.stratus.api.namespace.NamespaceService;
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
import java.util.Map;

/** Function lifecycle: created → (deploy) pending → ready or error; deleting answers once, then 404. */
@Singleton
public class FunctionService {
    public static final String CREATED = "created";
    public static final String PENDING = "pending";
    public static final String READY = "ready";
    public static final String ERROR = "error";
    public static final String DELETING = "deleting";

    private final FunctionRepository repository;
    private final NamespaceService namespaces;
    private final FunctionSettings settings;
    private final FunctionEvents events;
    private final FunctionRemoval removal;
    private final SecretStore secrets;
    private final String functionsDomain;

    public FunctionService(FunctionRepository repository, NamespaceService namespaces, FunctionSettings settings,
                           FunctionEvents events, FunctionRemoval removal, SecretStore secrets,
                           @Value("${stratus.functions-domain}") String functionsDomain) {
        this.repository = repository;
        this.namespaces = namespaces;
        this.settings = settings;
        this.events = events;
        this.removal = removal;
        this.secrets = secrets;
        this.functionsDomain = functionsDomain;
    }

    public Function get(Scope scope, String id) {
        return scope.visible(repository.findById(id))
                .orElseThrow(() -> ApiException.notFound("function", id));
    }

    /** The ids of a namespace's functions, for filters on resources that hang off functions. */
    public List<String> idsInNamespace(Scope scope, String namespaceId) {
        Namespace ns = namespaces.get(scope, namespaceId);
        return repository.findByNamespaceId(ns.getId()).stream().map(Function::getId).toList();
    }

    public Page<Function> list(PredicateSpecification<Function> filter, Pageable pageable) {
        return repository.findAll(filter, pageable);
    }

    @Transactional
    public Function create(Scope scope, RequestFields fields) {
        fields.require("name");
        fields.require("namespace_id");
        fields.require("runtime");
        String name = fields.string("name").orElse("");
        if (!name.isEmpty()) {
            Names.check(fields, "name", name);
        }
        String namespaceId = fields.string("namespace_id").orElse("").toLowerCase();
        Function fn = defaults(scope);
        var changes = settings.apply(fields, fn);
        fields.throwIfInvalid();
        Namespace ns = namespaces.get(scope, namespaceId);
        if (repository.existsByNamespaceIdAndName(ns.getId(), name)) {
            throw ApiException.alreadyExists("function", name, "a function named " + name
                    + " already exists in namespace " + ns.getName());
        }
        fn.setName(name);
        fn.setNamespaceId(ns.getId());
        fn.setProjectId(ns.getProjectId());
        fn.setDomainName(domainName(ns, name));
        changes.secrets().ifPresent(c -> fn.setSecretEnvironmentVariables(secrets.apply(List.of(), c)));
        repository.save(fn);
        events.changed(fn);
        return fn;
    }

    /** Applies an update; unless {@code redeploy:false}, a change of code or settings also deploys. */
    @Transactional
    public Function update(Scope scope, String id, RequestFields fields) {
        Function fn = lockedInScope(scope, id);
        var changes = settings.apply(fields, fn);
        var redeploy = fields.bool("redeploy");
        fields.throwIfInvalid();
        changes.secrets().ifPresent(c -> fn.setSecretEnvironmentVariables(
                secrets.apply(fn.getSecretEnvironmentVariables(), c)));
        fn.setUpdatedAt(Times.now());
        boolean changed = fn.getCodeSha256() != null && !DeployFingerprint.of(fn).equals(fn.getDeployedFingerprint());
        if (redeploy.orElse(false) && fn.getCodeSha256() == null) {
            throw noCode(fn);
        }
        if (redeploy.orElse(changed) && fn.getCodeSha256() != null) {
            return startDeploy(fn);
        }
        repository.update(fn);
        events.changed(fn);
        return fn;
    }

    /** Puts the function in {@code pending} before answering, so waiters never see the previous state. */
    @Transactional
    public Function deploy(Scope scope, String id) {
        Function fn = lockedInScope(scope, id);
        if (fn.getCodeSha256() == null) {
            throw noCode(fn);
        }
        fn.setUpdatedAt(Times.now());
        return startDeploy(fn);
    }

    @Transactional
    public Function delete(Scope scope, String id) {
        Function fn = get(scope, id);
        removal.removeFunction(fn);
        fn.setStatus(DELETING);
        return fn;
    }

    private Function startDeploy(Function fn) {
        fn.setRevision(fn.getRevision() + 1);
        fn.setStatus(PENDING);
        fn.setErrorMessage(null);
        fn.setBuildMessage("step 1 of 3: waiting for the builder");
        fn.setDeployedFingerprint(DeployFingerprint.of(fn));
        repository.update(fn);
        Namespace ns = namespaces.getById(fn.getNamespaceId());
        events.deployRequested(fn, CodeArchives.keyFor(fn.getId()), ns.getRegistryEndpoint());
        events.changed(fn);
        return fn;
    }

    private Function lockedInScope(Scope scope, String id) {
        Function fn = repository.findByIdForUpdate(id)
                .filter(scope::sees)
                .orElseThrow(() -> ApiException.notFound("function", id));
        if (DELETING.equals(fn.getStatus())) {
            throw ApiException.transientState("function", id, DELETING);
        }
        return fn;
    }

    private static ApiException noCode(Function fn) {
        return ApiException.preconditionFailed("code_uploaded", "function " + fn.getName()
                + " has no code yet: PUT a zip to its upload-url first");
    }

    private Function defaults(Scope scope) {
        Function fn = new Function();
        fn.setId(Ids.newId());
        fn.setRegion(scope.region());
        fn.setDescription("");
        fn.setStatus(CREATED);
        fn.setMinScale(0);
        fn.setMaxScale(FunctionSettings.DEFAULT_MAX_SCALE);
        fn.setMemoryLimit(FunctionSettings.DEFAULT_MEMORY_MB);
        fn.setCpuLimit(FunctionSettings.cpuFor(FunctionSettings.DEFAULT_MEMORY_MB));
        fn.setTimeoutMillis(FunctionSettings.DEFAULT_TIMEOUT_MILLIS);
        fn.setPrivacy("public");
        fn.setHttpOption("enabled");
        fn.setSandbox("v2");
        fn.setEnvironmentVariables(Map.of());
        fn.setSecretEnvironmentVariables(List.of());
        fn.setTags(List.of());
        fn.setRuntimeMessage("");
        fn.setCreatedAt(Times.now());
        fn.setUpdatedAt(fn.getCreatedAt());
        return fn;
    }

    /** {@code <namespace slug><8 random>-<function>.<functions domain>}, unique across projects, as on Scaleway. */
    private String domainName(Namespace ns, String name) {
        String slug = ns.getName().replace("-", "");
        slug = slug.substring(0, Math.min(slug.length(), 20));
        return slug + Names.randomSuffix(8) + "-" + name + "." + functionsDomain;
    }
}

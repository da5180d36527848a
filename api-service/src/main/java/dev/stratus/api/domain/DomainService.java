package dev.stratus.api.domain;

import dev.stratus.api.auth.Scope;
import dev.stratus.api.error.ApiException;
import dev.stratus.api.error.UniqueViolation;
import dev.stratus.api.function.Function;
import dev.stratus.api.function.FunctionService;
import dev.stratus.api.web.RequestFields;
import dev.stratus.api.web.Times;
import dev.stratus.common.Ids;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.regex.Pattern;

/** Custom hostnames. A domain stays {@code pending} until the runtime reports that its gateway routes it. */
@Singleton
public class DomainService {
    private static final Pattern HOSTNAME =
            Pattern.compile("^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]([-a-z0-9]{0,61}[a-z0-9])?$");

    private final DomainRepository repository;
    private final DomainEvents events;
    private final FunctionService functions;
    private final String functionsDomain;

    public DomainService(DomainRepository repository, DomainEvents events, FunctionService functions,
                         @Value("${stratus.functions-domain}") String functionsDomain) {
        this.repository = repository;
        this.events = events;
        this.functions = functions;
        this.functionsDomain = functionsDomain.toLowerCase(Locale.ROOT);
    }

    public Domain get(Scope scope, String id) {
        return scope.visible(repository.findById(id))
                .orElseThrow(() -> ApiException.notFound("domain", id));
    }

    public Page<Domain> list(PredicateSpecification<Domain> filter, Pageable pageable) {
        return repository.findAll(filter, pageable);
    }

    @Transactional
    public Domain create(Scope scope, RequestFields fields) {
        fields.require("function_id");
        fields.require("hostname");
        String hostname = fields.string("hostname").orElse("").toLowerCase(Locale.ROOT);
        if (!hostname.isEmpty() && !HOSTNAME.matcher(hostname).matches()) {
            fields.reject("hostname", "format", "must be a fully qualified domain name such as api.example.com");
        } else if (hostname.equals(functionsDomain) || hostname.endsWith("." + functionsDomain)) {
            // the platform names functions there: a domain taken in advance would block another tenant's function
            fields.reject("hostname", "constraint", "names under " + functionsDomain + " are the platform's own; "
                    + "use a domain of yours");
        }
        fields.throwIfInvalid();
        Function fn = functions.get(scope, fields.string("function_id").orElseThrow().toLowerCase());
        Domain domain = new Domain();
        domain.setId(Ids.newId());
        domain.setFunctionId(fn.getId());
        domain.setProjectId(fn.getProjectId());
        domain.setRegion(scope.region());
        domain.setHostname(hostname);
        domain.setUrl("");
        domain.setStatus("pending");
        domain.setCreatedAt(Times.now());
        try {
            // the hostnames table's key (migration V3) refuses a name any function or domain holds, even in a race
            repository.save(domain);
        } catch (DataAccessException e) {
            if (UniqueViolation.causes(e)) {
                throw ApiException.alreadyExists("domain", hostname, "hostname " + hostname
                        + " is already in use by a function or one of its domains");
            }
            throw e;
        }
        events.created(domain);
        return domain;
    }

    @Transactional
    public Domain delete(Scope scope, String id) {
        Domain domain = get(scope, id);
        events.deleted(domain);
        repository.delete(domain);
        domain.setStatus("deleting");
        return domain;
    }
}

package dev.stratus.api.function;

import dev.stratus.api.code.CodeDiscarded;
import dev.stratus.api.cron.CronEvents;
import dev.stratus.api.cron.CronRepository;
import dev.stratus.api.domain.DomainEvents;
import dev.stratus.api.domain.DomainRepository;
import dev.stratus.api.token.TokenEvents;
import dev.stratus.api.token.TokenRepository;
import dev.stratus.api.trigger.TriggerEvents;
import dev.stratus.api.trigger.TriggerRepository;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import static io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY;

/**
 * Deletes a function with everything hanging off it, publishing a tombstone for each piece so that the
 * scheduler, the trigger consumers and the gateway drop them too. The database cascade alone would be silent.
 */
@Singleton
public class FunctionRemoval {
    private final FunctionRepository functions;
    private final FunctionEvents functionEvents;
    private final CronRepository crons;
    private final CronEvents cronEvents;
    private final TriggerRepository triggers;
    private final TriggerEvents triggerEvents;
    private final DomainRepository domains;
    private final DomainEvents domainEvents;
    private final TokenRepository tokens;
    private final TokenEvents tokenEvents;
    private final ApplicationEventPublisher<CodeDiscarded> codeDiscarded;

    FunctionRemoval(FunctionRepository functions, FunctionEvents functionEvents, CronRepository crons,
                    CronEvents cronEvents, TriggerRepository triggers, TriggerEvents triggerEvents,
                    DomainRepository domains, DomainEvents domainEvents, TokenRepository tokens,
                    TokenEvents tokenEvents, ApplicationEventPublisher<CodeDiscarded> codeDiscarded) {
        this.functions = functions;
        this.functionEvents = functionEvents;
        this.crons = crons;
        this.cronEvents = cronEvents;
        this.triggers = triggers;
        this.triggerEvents = triggerEvents;
        this.domains = domains;
        this.domainEvents = domainEvents;
        this.tokens = tokens;
        this.tokenEvents = tokenEvents;
        this.codeDiscarded = codeDiscarded;
    }

    @Transactional(propagation = MANDATORY)
    public void removeFunction(Function fn) {
        crons.findByFunctionId(fn.getId()).forEach(cronEvents::deleted);
        triggers.findByFunctionId(fn.getId()).forEach(triggerEvents::deleted);
        domains.findByFunctionId(fn.getId()).forEach(domainEvents::deleted);
        tokens.findByFunctionId(fn.getId()).forEach(tokenEvents::revoked);
        functionEvents.deleted(fn);
        functions.delete(fn); // children go with it: ON DELETE CASCADE
        codeDiscarded.publishEvent(new CodeDiscarded(fn.getId()));
    }

    @Transactional(propagation = MANDATORY)
    public void removeNamespaceContents(String namespaceId) {
        functions.findByNamespaceId(namespaceId).forEach(this::removeFunction);
        tokens.findByNamespaceId(namespaceId).forEach(tokenEvents::revoked);
    }
}

package dev.stratus.runtime.catalog;

import dev.stratus.common.event.DomainDesired;
import dev.stratus.common.event.FunctionDesired;
import dev.stratus.common.event.NamespaceDesired;
import dev.stratus.common.event.TokenDesired;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The runtime's view of the desired state: functions (by id, by their own domain name and by custom domain),
 * namespaces and live tokens, rebuilt from the compacted desired-state topics on every start.
 */
@Singleton
public class FunctionCatalog {
    private final Map<String, FunctionDesired> functions = new ConcurrentHashMap<>();
    private final Map<String, String> functionByDomain = new ConcurrentHashMap<>();
    private final Map<String, DomainDesired> customDomains = new ConcurrentHashMap<>();
    private final Map<String, String> functionByCustomDomain = new ConcurrentHashMap<>();
    private final Map<String, NamespaceDesired> namespaces = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<NamespaceDesired>> namespaceArrivals = new ConcurrentHashMap<>();
    private final Map<String, TokenDesired> tokens = new ConcurrentHashMap<>();

    void putFunction(String functionId, FunctionDesired function) {
        FunctionDesired previous = function == null ? functions.remove(functionId) : functions.put(functionId, function);
        if (previous != null && previous.domainName() != null) {
            functionByDomain.remove(previous.domainName().toLowerCase(Locale.ROOT), functionId);
        }
        if (function != null && function.domainName() != null) {
            functionByDomain.put(function.domainName().toLowerCase(Locale.ROOT), functionId);
        }
    }

    void putDomain(String domainId, DomainDesired domain) {
        DomainDesired previous = domain == null ? customDomains.remove(domainId) : customDomains.put(domainId, domain);
        if (previous != null) {
            functionByCustomDomain.remove(previous.hostname().toLowerCase(Locale.ROOT), previous.functionId());
        }
        if (domain != null) {
            functionByCustomDomain.put(domain.hostname().toLowerCase(Locale.ROOT), domain.functionId());
        }
    }

    void putNamespace(String namespaceId, NamespaceDesired namespace) {
        if (namespace == null) {
            namespaces.remove(namespaceId);
            return;
        }
        namespaces.put(namespaceId, namespace);
        namespaceArrivals.computeIfAbsent(namespaceId, id -> new CompletableFuture<>()).complete(namespace);
    }

    void putToken(String tokenId, TokenDesired token) {
        if (token == null) {
            tokens.remove(tokenId);
        } else {
            tokens.put(tokenId, token);
        }
    }

    public Optional<FunctionDesired> function(String functionId) {
        return Optional.ofNullable(functions.get(functionId));
    }

    /**
     * The function served at {@code host} (a port suffix is ignored): the one with that domain name, else the one
     * with that custom domain. A domain of a deleted function routes nowhere, even before its tombstone arrives.
     */
    public Optional<FunctionDesired> functionAt(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > 0 && name.indexOf(']') < colon) {
            name = name.substring(0, colon);
        }
        String id = functionByDomain.get(name);
        if (id == null) {
            id = functionByCustomDomain.get(name);
        }
        return id == null ? Optional.empty() : function(id);
    }

    public Optional<NamespaceDesired> namespace(String namespaceId) {
        return Optional.ofNullable(namespaces.get(namespaceId));
    }

    /**
     * The namespace, waiting a little if it is not known yet: at start-up the namespace and function topics are
     * read concurrently, and a function may arrive first.
     */
    public Optional<NamespaceDesired> awaitNamespace(String namespaceId, Duration patience) {
        try {
            return Optional.of(namespaceArrivals.computeIfAbsent(namespaceId, id -> new CompletableFuture<>())
                    .get(patience.toMillis(), TimeUnit.MILLISECONDS));
        } catch (Exception e) {
            return namespace(namespaceId);
        }
    }

    public Optional<TokenDesired> token(String tokenId) {
        return Optional.ofNullable(tokens.get(tokenId));
    }
}

package dev.stratus.api.token;

import dev.stratus.api.auth.Scope;
import dev.stratus.api.error.ApiException;
import dev.stratus.api.function.Function;
import dev.stratus.api.function.FunctionService;
import dev.stratus.api.namespace.Namespace;
import dev.stratus.api.namespace.NamespaceService;
import dev.stratus.api.web.Times;
import dev.stratus.common.Ids;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;

/** Issues, lists and revokes invocation tokens. The JWT is returned once, at creation, and never stored. */
@Singleton
public class TokenService {
    static final String READY = "ready";

    private final TokenRepository repository;
    private final TokenEvents events;
    private final NamespaceService namespaces;
    private final FunctionService functions;
    private final NamespaceKeys keys;
    private final JwtSigner signer;

    public TokenService(TokenRepository repository, TokenEvents events, NamespaceService namespaces,
                        FunctionService functions, NamespaceKeys keys, JwtSigner signer) {
        this.repository = repository;
        this.events = events;
        this.namespaces = namespaces;
        this.functions = functions;
        this.keys = keys;
        this.signer = signer;
    }

    /** A token and its JWT; {@code publicKey} is the namespace's PEM key, shown at creation only. */
    public record Issued(Token token, String jwt, String publicKey) {
    }

    public Token get(Scope scope, String id) {
        return scope.visible(repository.findById(id))
                .orElseThrow(() -> ApiException.notFound("token", id));
    }

    public Page<Token> list(PredicateSpecification<Token> filter, Pageable pageable) {
        return repository.findAll(filter, pageable);
    }

    /** Exactly one of the two scopes; the token is ready at once since the gateway checks its jti live. */
    @Transactional
    public Issued issue(Scope scope, @Nullable String functionId, @Nullable String namespaceId,
                        String description, @Nullable Instant expiresAt) {
        if ((functionId == null) == (namespaceId == null)) {
            throw ApiException.invalidArgument("function_id", "constraint",
                    "exactly one of function_id and namespace_id is required");
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw ApiException.invalidArgument("expires_at", "constraint", "must be in the future");
        }
        Token token = new Token();
        token.setId(Ids.newId());
        Namespace ns;
        if (functionId != null) {
            Function fn = functions.get(scope, functionId);
            token.setFunctionId(fn.getId());
            ns = namespaces.getById(fn.getNamespaceId());
        } else {
            ns = namespaces.get(scope, namespaceId);
            token.setNamespaceId(ns.getId());
        }
        token.setProjectId(ns.getProjectId());
        token.setRegion(scope.region());
        token.setDescription(description);
        token.setExpiresAt(expiresAt == null ? null : expiresAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        token.setStatus(READY);
        token.setCreatedAt(Times.now());
        String jwt = signer.sign(token, keys.signingKey(ns));
        repository.save(token);
        events.issued(token);
        return new Issued(token, jwt, ns.getTokenPublicKey());
    }

    @Transactional
    public Token delete(Scope scope, String id) {
        Token token = get(scope, id);
        events.revoked(token);
        repository.delete(token);
        token.setStatus("deleting");
        return token;
    }
}

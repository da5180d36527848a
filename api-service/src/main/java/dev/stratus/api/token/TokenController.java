package dev.stratus.api.token;

import dev.stratus.api.auth.Scope;
import dev.stratus.api.web.ListResponse;
import dev.stratus.api.web.Paging;
import dev.stratus.api.web.QueryParams;
import dev.stratus.api.web.RequestFields;
import dev.stratus.api.web.Specs;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.stratus.api.error.ApiException;

@Controller("/functions/v1beta1/regions/{region}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TokenController {
    private final TokenService service;

    public TokenController(TokenService service) {
        this.service = service;
    }

    @Get("/tokens")
    public Map<String, Object> list(HttpRequest<?> request, @RequestAttribute(Scope.ATTRIBUTE) Scope scope) {
        var query = request.getParameters();
        var filter = Specs.and(Specs.and(Specs.<Token>inScope(scope), "functionId",
                QueryParams.optionalId(query, "function_id")), "namespaceId", QueryParams.optionalId(query, "namespace_id"));
        var page = service.list(filter, Paging.from(query, Paging.BY_CREATION));
        return ListResponse.of("tokens", page, t -> view(t, "<hidden>", ""));
    }

    @Get("/tokens/{tokenId}")
    public Map<String, Object> get(@RequestAttribute(Scope.ATTRIBUTE) Scope scope, @PathVariable String tokenId) {
        return view(service.get(scope, tokenId), "<hidden>", "");
    }

    @Post("/tokens")
    public Map<String, Object> create(@RequestAttribute(Scope.ATTRIBUTE) Scope scope, @Nullable @Body JsonNode body) {
        RequestFields fields = new RequestFields(body);
        var functionId = fields.string("function_id").map(String::toLowerCase);
        var namespaceId = fields.string("namespace_id").map(String::toLowerCase);
        var description = fields.string("description", 255).orElse("");
        var expiresAt = fields.timestamp("expires_at");
        fields.throwIfInvalid();
        var issued = service.issue(scope, functionId.orElse(null), namespaceId.orElse(null), description,
                expiresAt.orElse(null));
        return view(issued.token(), issued.jwt(), issued.publicKey());
    }

    /** The Serverless plugin's older route: issues a token from query parameters. */
    @Get("/issue-jwt")
    public Map<String, Object> issueJwt(HttpRequest<?> request, @RequestAttribute(Scope.ATTRIBUTE) Scope scope) {
        var query = request.getParameters();
        var expires = QueryParams.optional(query, "expiration_date").or(() -> QueryParams.optional(query, "expires_at"))
                .map(TokenController::parseInstant);
        var issued = service.issue(scope, QueryParams.optionalId(query, "function_id").orElse(null),
                QueryParams.optionalId(query, "namespace_id").orElse(null), "", expires.orElse(null));
        return view(issued.token(), issued.jwt(), issued.publicKey());
    }

    @Delete("/tokens/{tokenId}")
    public Map<String, Object> delete(@RequestAttribute(Scope.ATTRIBUTE) Scope scope, @PathVariable String tokenId) {
        return view(service.delete(scope, tokenId), "", "");
    }

    private static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalidArgument("expiration_date", "format", "must be an RFC 3339 timestamp");
        }
    }

    /** A token as Scaleway's clients read it (API reference §3.8); the scope it does not have is omitted. */
    static Map<String, Object> view(Token token, String jwt, String publicKey) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", token.getId());
        v.put("token", jwt);
        if (token.getFunctionId() != null) {
            v.put("function_id", token.getFunctionId());
        } else {
            v.put("namespace_id", token.getNamespaceId());
        }
        v.put("public_key", publicKey);
        v.put("status", token.getStatus());
        v.put("description", token.getDescription());
        v.put("expires_at", token.getExpiresAt() == null ? null : token.getExpiresAt().toString());
        return v;
    }
}

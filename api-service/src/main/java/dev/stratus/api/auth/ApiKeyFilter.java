package dev.stratus.api.auth;

import dev.stratus.api.error.ApiException;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every API route needs {@code X-Auth-Token} set to a known secret key. The filter also checks the region of
 * the path and leaves the caller's {@link Scope} on the request for the controllers.
 */
@ServerFilter({"/functions/**", "/containers/**"})
public class ApiKeyFilter {
    private static final Pattern REGION_PATH = Pattern.compile("^/[a-z]+/v1beta1/regions/([^/]+)(/.*)?$");
    private final ApiKeys keys;
    private final List<String> regions;

    public ApiKeyFilter(ApiKeys keys, @Value("${stratus.regions}") List<String> regions) {
        this.keys = keys;
        this.regions = regions;
    }

    @RequestFilter
    public void authenticate(HttpRequest<?> request) {
        String token = request.getHeaders().get("X-Auth-Token");
        if (token == null || token.isBlank()) {
            throw ApiException.deniedAuthentication("invalid_argument");
        }
        Scope keyScope = keys.lookup(token.trim()).orElseThrow(() -> ApiException.deniedAuthentication("not_found"));
        Matcher matcher = REGION_PATH.matcher(request.getPath());
        if (!matcher.matches()) {
            return; // not an API path: the router answers 404 in the usual shape
        }
        String region = matcher.group(1);
        if (!regions.contains(region)) {
            throw ApiException.invalidArgument("region", "constraint",
                    "region must be one of " + String.join(", ", regions));
        }
        request.setAttribute(Scope.ATTRIBUTE, keyScope.in(region));
    }
}

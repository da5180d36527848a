package dev.stratus.api.error;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Turns the framework's own errors (unknown route, unparsable JSON, a query parameter of the wrong type,
 * a body too large…) into Scaleway's error shape, so that clients always get {@code message} and {@code type}.
 */
@Singleton
@Primary
public class ScalewayErrorResponseProcessor implements ErrorResponseProcessor<Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(ScalewayErrorResponseProcessor.class);
    private static final java.util.regex.Pattern CAMEL_HUMP = java.util.regex.Pattern.compile("([a-z0-9])([A-Z])");
    /* Jackson's " at [Source: …; line: 1, column: 10]" and "(start marker at [Source: …])" */
    private static final java.util.regex.Pattern PARSER_LOCATION =
            java.util.regex.Pattern.compile("\\s*\\(?(start marker )?at \\[Source:[^\\]]*\\]\\)?");

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Map<String, Object>> processResponse(ErrorContext context,
                                                                   MutableHttpResponse<?> response) {
        var typed = (MutableHttpResponse<Map<String, Object>>) response;
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return typed;
        }
        return typed.body(bodyFor(response.status(), context)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private Map<String, Object> bodyFor(HttpStatus status, ErrorContext context) {
        String message = context.getErrors().stream().map(Error::getMessage).findFirst()
                .orElse(status.getReason());
        return switch (status) {
            case BAD_REQUEST, UNSUPPORTED_MEDIA_TYPE -> ApiException.invalidArguments(
                    context.getErrors().isEmpty() ? List.of(argumentError("body", message))
                            : context.getErrors().stream()
                            .map(e -> argumentError(e.getPath().orElse("body"), e.getMessage())).toList()).body();
            case NOT_FOUND -> Map.of("message", "no such route: " + context.getRequest().getPath(),
                    "type", "not_found", "resource", "route", "resource_id", context.getRequest().getPath());
            case INTERNAL_SERVER_ERROR -> {
                context.getRootCause().ifPresent(e -> LOG.error("Unhandled error on {}",
                        context.getRequest().getPath(), e));
                yield Map.of("message", "internal error", "type", "internal_error");
            }
            default -> Map.of("message", message, "type", typeFor(status));
        };
    }

    private static ApiException.ArgumentError argumentError(String path, String message) {
        return new ApiException.ArgumentError(argumentName(path), "format", readable(message));
    }

    /** The framework names arguments by JSON pointer and Java name ({@code /contentLength}); clients use snake_case. */
    static String argumentName(String path) {
        String name = path.startsWith("/") ? path.substring(1) : path;
        return CAMEL_HUMP.matcher(name).replaceAll("$1_$2").toLowerCase(java.util.Locale.ROOT).replace('/', '.');
    }

    /** A parser's message without where in its own buffers it stopped: clients need what is wrong, not that. */
    static String readable(String message) {
        String text = PARSER_LOCATION.matcher(message).replaceAll("").strip();
        return text.startsWith("Unexpected") || text.startsWith("Unrecognized") || text.contains("JSON")
                ? "the body is not valid JSON: " + text : text;
    }

    private static String typeFor(HttpStatus status) {
        return switch (status) {
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            case REQUEST_ENTITY_TOO_LARGE -> "invalid_request";
            case UNAUTHORIZED -> "denied_authentication";
            case FORBIDDEN -> "permissions_denied";
            case NOT_ACCEPTABLE -> "not_acceptable";
            default -> "error";
        };
    }
}

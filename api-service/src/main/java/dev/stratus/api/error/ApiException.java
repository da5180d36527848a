package dev.stratus.api.error;

import io.micronaut.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error answered in Scaleway's shape: {@code message}, {@code type} and the extra fields the official SDKs
 * need to raise their typed errors (see the API reference, section 1.2).
 */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final Map<String, Object> body;

    private ApiException(HttpStatus status, String type, String message, Map<String, Object> extra) {
        super(message);
        this.status = status;
        this.body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("type", type);
        body.putAll(extra);
    }

    public HttpStatus status() {
        return status;
    }

    public Map<String, Object> body() {
        return body;
    }

    public static ApiException notFound(String resource, String resourceId) {
        String label = Character.toUpperCase(resource.charAt(0)) + resource.substring(1);
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", label + " was not found",
                Map.of("resource", resource, "resource_id", resourceId));
    }

    public static ApiException invalidArguments(List<ArgumentError> details) {
        String message = "invalid argument(s): " + String.join("; ", details.stream()
                .map(d -> d.argumentName() + ": " + d.helpMessage()).toList());
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_arguments", message,
                Map.of("details", details.stream().map(ArgumentError::toJson).toList()));
    }

    public static ApiException invalidArgument(String argument, String reason, String help) {
        return invalidArguments(List.of(new ArgumentError(argument, reason, help)));
    }

    public static ApiException alreadyExists(String resource, String resourceId, String help) {
        return new ApiException(HttpStatus.CONFLICT, "already_exists", help,
                Map.of("resource", resource, "resource_id", resourceId, "help_message", help));
    }

    public static ApiException preconditionFailed(String precondition, String help) {
        return new ApiException(HttpStatus.PRECONDITION_FAILED, "precondition_failed", help,
                Map.of("precondition", precondition, "help_message", help));
    }

    public static ApiException transientState(String resource, String resourceId, String currentState) {
        return new ApiException(HttpStatus.CONFLICT, "transient_state",
                resource + " is " + currentState + ", try again once it settles",
                Map.of("resource", resource, "resource_id", resourceId, "current_state", currentState));
    }

    public static ApiException quotasExceeded(String resource, String quota, long limit, long current) {
        return new ApiException(HttpStatus.FORBIDDEN, "quotas_exceeded",
                "quota exceeded for " + resource + " (" + quota + " " + limit + ")",
                Map.of("details", List.of(Map.of("resource", resource, "quota", limit, "current", current))));
    }

    public static ApiException deniedAuthentication(String reason) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "denied_authentication", "authentication is denied",
                Map.of("method", "api_key", "reason", reason));
    }

    public static ApiException permissionsDenied(String resource, String action) {
        return new ApiException(HttpStatus.FORBIDDEN, "permissions_denied", "insufficient permissions",
                Map.of("details", List.of(Map.of("resource", resource, "action", action))));
    }

    /** For the few requests that are wrong in a way no argument describes (a bad signature, a wrong method). */
    public static ApiException plain(HttpStatus status, String type, String message) {
        return new ApiException(status, type, message, Map.of());
    }

    /** One entry of {@code invalid_arguments.details}; reason is required, format, constraint or unknown. */
    public record ArgumentError(String argumentName, String reason, String helpMessage) {
        Map<String, Object> toJson() {
            return Map.of("argument_name", argumentName, "reason", reason, "help_message", helpMessage);
        }
    }
}

package dev.stratus.api.auth;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The secret keys the API accepts and the project each belongs to. The main key comes from
 * {@code STRATUS_SECRET_KEY}; {@code stratus.extra-keys} adds {@code secret:project} pairs (one project per key).
 */
@Singleton
public class ApiKeys {
    private static final Pattern UUID_PATTERN =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private final Map<String, Scope> scopeByKey = new HashMap<>();

    public ApiKeys(@Value("${stratus.secret-key}") String secretKey,
                   @Value("${stratus.project-id}") String projectId,
                   @Value("${stratus.organization-id}") String organizationId,
                   @Value("${stratus.extra-keys:}") List<String> extraKeys) {
        register(secretKey, projectId, organizationId);
        for (String pair : extraKeys) {
            if (pair.isBlank()) {
                continue; // the empty default reads as one empty entry
            }
            String[] parts = pair.split(":", 2);
            if (parts.length != 2) {
                throw new IllegalStateException("stratus.extra-keys entries are secret:project, got " + pair);
            }
            register(parts[0].trim(), parts[1].trim(), organizationId);
        }
    }

    private void register(String secretKey, String projectId, String organizationId) {
        for (String value : List.of(secretKey, projectId, organizationId)) {
            if (!isUuid(value)) {
                throw new IllegalStateException("Secret keys, project and organization ids must be UUIDs, got '"
                        + value + "' (set STRATUS_SECRET_KEY and STRATUS_PROJECT_ID)");
            }
        }
        scopeByKey.put(secretKey.toLowerCase(), new Scope(projectId.toLowerCase(), organizationId.toLowerCase(), null));
    }

    /** The project behind a key, without a region yet. */
    public Optional<Scope> lookup(String secretKey) {
        return Optional.ofNullable(scopeByKey.get(secretKey.toLowerCase()));
    }

    public static boolean isUuid(String value) {
        return value != null && UUID_PATTERN.matcher(value).matches();
    }

    /** A fresh random key, for a platform started without one. */
    public static String newKey() {
        return UUID.randomUUID().toString();
    }
}

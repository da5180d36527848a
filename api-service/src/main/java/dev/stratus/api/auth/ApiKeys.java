package dev.stratus.api.auth;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The secret keys the API accepts. The platform key ({@code STRATUS_SECRET_KEY}) is the organisation's: it serves
 * any project a request names, and {@code STRATUS_PROJECT_ID} only fills requests that name none. Extra keys
 * ({@code stratus.extra-keys}: {@code secret:project[;project...]} entries) serve only the projects listed.
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
        checkUuids("STRATUS_SECRET_KEY, STRATUS_PROJECT_ID and STRATUS_ORGANIZATION_ID",
                List.of(secretKey, projectId, organizationId));
        register(secretKey, Set.of(), organizationId, projectId);
        for (String entry : extraKeys) {
            if (entry.isBlank()) {
                continue; // the empty default reads as one empty entry
            }
            String[] parts = entry.split(":", 2);
            if (parts.length != 2) {
                throw new IllegalStateException("stratus.extra-keys entries are secret:project[;project...], got "
                        + entry);
            }
            String secret = parts[0].trim();
            List<String> projects = Arrays.stream(parts[1].split(";")).map(String::trim).toList();
            checkUuids("stratus.extra-keys", Stream.concat(Stream.of(secret),
                    projects.stream()).toList());
            register(secret, Set.copyOf(projects), organizationId, projects.get(0));
        }
    }

    private void register(String secretKey, Set<String> projects, String organizationId, String defaultProject) {
        Set<String> lowered = projects.stream().map(String::toLowerCase).collect(Collectors.toSet());
        scopeByKey.put(secretKey.toLowerCase(),
                new Scope(lowered, organizationId.toLowerCase(), null, defaultProject.toLowerCase()));
    }

    private static void checkUuids(String setting, List<String> values) {
        for (String value : values) {
            if (!isUuid(value)) {
                throw new IllegalStateException("Secret keys, project and organization ids must be UUIDs, got '"
                        + value + "' (set " + setting + ")");
            }
        }
    }

    /** The projects behind a key, without a region yet. */
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

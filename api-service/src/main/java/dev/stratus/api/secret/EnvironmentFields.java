package dev.stratus.api.secret;

import dev.stratus.api.web.RequestFields;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads and checks {@code environment_variables} and {@code secret_environment_variables} of a request. */
public final class EnvironmentFields {
    public static final int MAX_VARIABLES = 100;
    public static final int MAX_VALUE_BYTES = 65_536;
    private static final Pattern KEY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.-]{0,255}$");

    /** One requested change to the secrets; a null value deletes the key. */
    public record SecretChange(String key, String value) {
    }

    public static Optional<Map<String, String>> variables(RequestFields fields) {
        Optional<Map<String, String>> variables = fields.stringMap("environment_variables");
        variables.ifPresent(map -> {
            if (map.size() > MAX_VARIABLES) {
                fields.reject("environment_variables", "constraint", "at most " + MAX_VARIABLES + " variables");
            }
            map.forEach((key, value) -> checkEntry(fields, "environment_variables." + key, key, value));
        });
        return variables;
    }

    public static Optional<List<SecretChange>> secrets(RequestFields fields) {
        String name = "secret_environment_variables";
        Optional<JsonNode> node = fields.node(name);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (!node.get().isArray()) {
            fields.reject(name, "format", "must be an array of {key, value}");
            return Optional.empty();
        }
        List<SecretChange> changes = new ArrayList<>();
        for (JsonNode item : node.get().values()) {
            JsonNode key = item.isObject() ? item.get("key") : null;
            JsonNode value = item.isObject() ? item.get("value") : null;
            if (key == null || !key.isString() || (value != null && !value.isNull() && !value.isString())) {
                fields.reject(name, "format", "each entry must be {key: string, value: string or null}");
                continue;
            }
            String plain = value == null || value.isNull() ? null : value.getStringValue();
            checkEntry(fields, name + "." + key.getStringValue(), key.getStringValue(), plain == null ? "" : plain);
            changes.add(new SecretChange(key.getStringValue(), plain));
        }
        return Optional.of(changes);
    }

    private static void checkEntry(RequestFields fields, String argument, String key, String value) {
        if (!KEY.matcher(key).matches()) {
            fields.reject(argument, "format", "keys start with a letter or _ and hold letters, digits, _ . -");
        } else if (key.startsWith("SCW_")) {
            fields.reject(argument, "constraint", "SCW_* variables are reserved by the platform");
        }
        if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            fields.reject(argument, "constraint", "values are at most " + MAX_VALUE_BYTES + " bytes");
        }
    }

    private EnvironmentFields() {
    }
}

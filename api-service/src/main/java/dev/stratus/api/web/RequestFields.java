package dev.stratus.api.web;

import dev.stratus.api.error.ApiException;
import dev.stratus.api.error.ApiException.ArgumentError;
import io.micronaut.json.tree.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a JSON request body the way Scaleway's clients expect: unknown fields are ignored, {@code null} and
 * {@code unknown_*} enum values mean "not set", and every malformed field is collected into one
 * {@code invalid_arguments} error instead of failing on the first.
 */
public final class RequestFields {
    private final JsonNode body;
    private final List<ArgumentError> errors = new ArrayList<>();

    public RequestFields(JsonNode body) {
        if (body != null && !body.isNull() && !body.isObject()) {
            throw ApiException.invalidArgument("body", "format", "the request body must be a JSON object");
        }
        this.body = body == null || body.isNull() ? JsonNode.createObjectNode(Map.of()) : body;
    }

    /** The raw value, absent when missing or null. */
    public Optional<JsonNode> node(String name) {
        JsonNode value = body.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    public boolean has(String name) {
        return node(name).isPresent();
    }

    public Optional<String> string(String name) {
        return node(name).flatMap(v -> v.isString() ? Optional.of(v.getStringValue())
                : invalid(name, "format", "must be a string"));
    }

    public Optional<String> string(String name, int maxLength) {
        return string(name).flatMap(v -> v.length() <= maxLength ? Optional.of(v)
                : invalid(name, "constraint", "must be at most " + maxLength + " characters"));
    }

    /** An enum value; {@code unknown_*} (what Go sends for "unset") reads as absent. */
    public Optional<String> enumValue(String name, Set<String> allowed) {
        return string(name).filter(v -> !v.startsWith("unknown")).flatMap(v -> allowed.contains(v)
                ? Optional.of(v) : invalid(name, "constraint", "must be one of " + String.join(", ", allowed)));
    }

    /**
     * A {@code uint32} field (Scaleway's scales, memory and the like) within {@code [min, max]}. The value is read
     * exactly, never through a long or a double that would wrap 2^64 + 1 to 1: first it must be an integral JSON
     * number, then fit the type, then the field's own range. Numbers sent as strings ("12") are refused: Scaleway's
     * Go, JS and Python SDKs and Terraform all send uint32 fields as JSON numbers.
     */
    public Optional<Long> uint32(String name, long min, long max) {
        return integer(name, "an unsigned 32-bit integer", 0, 0xFFFF_FFFFL, min, max);
    }

    private Optional<Long> integer(String name, String type, long typeMin, long typeMax, long min, long max) {
        return node(name).flatMap(v -> {
            if (!v.isNumber()) {
                return invalid(name, "format", v.isString() ? "must be a JSON number, not a string"
                        : "must be an integer");
            }
            Optional<BigDecimal> exact = exact(v.getNumberValue());
            if (exact.isPresent() && exact.get().stripTrailingZeros().scale() > 0) {
                return invalid(name, "format", "must be an integer");
            }
            // compared as BigDecimal, so 1e400 or 2^64 + 1 is out of range rather than cut down to a long
            if (exact.isEmpty() || exact.get().compareTo(BigDecimal.valueOf(typeMin)) < 0
                    || exact.get().compareTo(BigDecimal.valueOf(typeMax)) > 0) {
                return invalid(name, "constraint", "must be " + type + " (" + typeMin + " to " + typeMax + ")");
            }
            long value = exact.get().longValueExact();
            return value >= min && value <= max ? Optional.of(value)
                    : invalid(name, "constraint", "must be between " + min + " and " + max);
        });
    }

    /** The number as the client wrote it; empty for a double that overflowed to infinity while parsing. */
    private static Optional<BigDecimal> exact(Number number) {
        if (number instanceof BigDecimal decimal) {
            return Optional.of(decimal);
        }
        if (number instanceof Double d && !Double.isFinite(d) || number instanceof Float f && !Float.isFinite(f)) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(number.toString()));
    }

    public Optional<Boolean> bool(String name) {
        return node(name).flatMap(v -> v.isBoolean() ? Optional.of(v.getBooleanValue())
                : invalid(name, "format", "must be true or false"));
    }

    /** A Scaleway duration: {@code "300s"}, {@code "2.5s"} or {@code "300.000000000s"}. */
    public Optional<Long> durationMillis(String name, long minMillis, long maxMillis) {
        return string(name).flatMap(v -> {
            Optional<Long> millis = Durations.parseMillis(v);
            if (millis.isEmpty()) {
                return invalid(name, "format", "must be a duration in seconds such as \"300s\"");
            }
            return millis.get() >= minMillis && millis.get() <= maxMillis ? millis : invalid(name, "constraint",
                    "must be between " + Durations.format(minMillis) + " and " + Durations.format(maxMillis));
        });
    }

    public Optional<Instant> timestamp(String name) {
        return string(name).flatMap(v -> {
            try {
                return Optional.of(OffsetDateTime.parse(v).toInstant());
            } catch (DateTimeParseException e) {
                return invalid(name, "format", "must be an RFC 3339 timestamp");
            }
        });
    }

    public Optional<Map<String, String>> stringMap(String name) {
        return node(name).flatMap(v -> {
            if (!v.isObject()) {
                return invalid(name, "format", "must be an object of strings");
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : v.entries()) {
                if (!entry.getValue().isString()) {
                    return invalid(name + "." + entry.getKey(), "format", "must be a string");
                }
                map.put(entry.getKey(), entry.getValue().getStringValue());
            }
            return Optional.of(map);
        });
    }

    public Optional<List<String>> stringList(String name) {
        return node(name).flatMap(v -> {
            if (!v.isArray()) {
                return invalid(name, "format", "must be an array of strings");
            }
            List<String> list = new ArrayList<>();
            for (JsonNode item : v.values()) {
                if (!item.isString()) {
                    return invalid(name, "format", "must be an array of strings");
                }
                list.add(item.getStringValue());
            }
            return Optional.of(list);
        });
    }

    /** A nested object, read with the same rules. */
    public Optional<RequestFields> object(String name) {
        return node(name).flatMap(v -> v.isObject() ? Optional.of(new RequestFields(v))
                : invalid(name, "format", "must be an object"));
    }

    public void require(String name) {
        if (!has(name)) {
            errors.add(new ArgumentError(name, "required", "is required"));
        }
    }

    /** Records a constraint broken by a value that parsed fine (a name taken, a range crossed). */
    public void reject(String name, String reason, String help) {
        errors.add(new ArgumentError(name, reason, help));
    }

    /** Moves a nested object's errors here, prefixed with the object's name. */
    public void absorb(String prefix, RequestFields nested) {
        nested.errors.forEach(e -> errors.add(new ArgumentError(prefix + "." + e.argumentName(), e.reason(),
                e.helpMessage())));
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ApiException.invalidArguments(errors);
        }
    }

    private <T> Optional<T> invalid(String name, String reason, String help) {
        errors.add(new ArgumentError(name, reason, help));
        return Optional.empty();
    }
}

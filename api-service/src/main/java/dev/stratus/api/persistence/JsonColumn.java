package dev.stratus.api.persistence;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Maps, lists and secrets are stored as JSON text: they are read and written whole, never queried inside. */
abstract class JsonColumn<T> {
    private final JsonMapper mapper;
    private final Argument<T> type;

    JsonColumn(JsonMapper mapper, Argument<T> type) {
        this.mapper = mapper;
        this.type = type;
    }

    String write(T value) {
        try {
            return value == null ? null : mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    T read(String text) {
        try {
            return text == null ? null : mapper.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Corrupt JSON column: " + text, e);
        }
    }
}

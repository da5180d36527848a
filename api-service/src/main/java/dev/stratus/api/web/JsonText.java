package dev.stratus.api.web;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Free-form JSON (cron args, trigger configs) kept as text and handed back as a tree. */
@Singleton
public class JsonText {
    private final JsonMapper mapper;

    public JsonText(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode read(String text) {
        try {
            return mapper.readValue(text, JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Corrupt stored JSON", e);
        }
    }
}
